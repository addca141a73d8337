package org.initlab.cli;

import picocli.CommandLine;

/** The version printed by {@code initlab --version}: the jar's implementation version. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"initlab " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
    }
}
