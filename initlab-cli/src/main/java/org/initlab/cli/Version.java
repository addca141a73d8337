package org.initlab.cli;

import picocli.CommandLine;

/** The version printed by {@code initlab --version}: {@link org.initlab.core.Version}. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"initlab " + number() + " (Java " + Runtime.version() + ")"};
    }

    /** InitLab's version, fixed at build time. */
    static String number() {
        return org.initlab.core.Version.number();
    }
}
