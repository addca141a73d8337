package org.initlab.cli;

import org.initlab.lab.experiment.RunDirectory;
import picocli.CommandLine;

/** The version printed by {@code initlab --version}: the jar's implementation version. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"initlab " + number() + " (Java " + Runtime.version() + ")"};
    }

    /** The jar's implementation version, or {@code "dev"} when run from classes (tests, the IDE). */
    static String number() {
        return RunDirectory.version();
    }
}
