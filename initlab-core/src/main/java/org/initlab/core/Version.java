package org.initlab.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * InitLab's version, fixed when {@code initlab-core} is built (a filtered resource), so a library
 * caller, the command line and every run record report the same version whether the classes come
 * from the shaded jar, the module jars in a Maven repository, or a build directory.
 */
public final class Version {
    private static final String NUMBER = read();

    private Version() {}

    /** The version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String number() {
        return NUMBER;
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("initlab-core was built without its version.properties resource");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "");
            if (v.isBlank() || v.contains("${")) {
                throw new IllegalStateException(
                        "initlab-core's version.properties was not filtered by the build: '" + v + "'");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
