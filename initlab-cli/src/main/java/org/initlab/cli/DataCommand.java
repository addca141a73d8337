package org.initlab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code initlab data}: the known data sets, where they are, and fetching them. */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = {
            "Known data sets: 'data list' shows where each one is, 'data fetch NAME' downloads one.",
            "digits, iris and fashion-mnist-small are embedded and need nothing."
        },
        subcommands = {DataListCommand.class, DataFetchCommand.class})
final class DataCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
