package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's experiment table is the one the records generate: adding an experiment cannot leave it stale. */
class ReadmeExperimentsTest {
    @Test
    void theReadmeTableIsGeneratedFromTheRecords() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int begin = readme.indexOf(ExperimentHelp.BEGIN);
        int end = readme.indexOf(ExperimentHelp.END);
        assertThat(begin).as("the README has the generated table's markers").isNotNegative();
        String table = readme.substring(begin, end + ExperimentHelp.END.length()) + "\n";
        assertThat(table)
                .as("README.md is stale: replace the table by the output of 'initlab run --list --markdown'")
                .isEqualTo(ExperimentHelp.markdown());
    }
}
