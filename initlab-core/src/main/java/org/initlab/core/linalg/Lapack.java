package org.initlab.core.linalg;

import dev.ludovic.netlib.lapack.JavaLAPACK;
import dev.ludovic.netlib.lapack.LAPACK;

/**
 * The LAPACK implementation InitLab calls: native ({@code JNILAPACK}) when {@code dev.ludovic.netlib}
 * finds a LAPACK library (Debian's {@code libopenblas0-pthread}), its Java translation otherwise. The
 * system property {@value #JAVA_PROPERTY}{@code =java} forces the Java translation.
 */
public final class Lapack {
    /** System property that, set to {@code java}, forces the pure-Java LAPACK. */
    public static final String JAVA_PROPERTY = "initlab.lapack";

    private Lapack() {}

    /** The implementation to use now (the property is read on each call, so tests can switch). */
    public static LAPACK instance() {
        return "java".equals(System.getProperty(JAVA_PROPERTY)) ? JavaLAPACK.getInstance() : LAPACK.getInstance();
    }

    /** The simple class name of {@link #instance()}: {@code JNILAPACK} (native) or {@code F2jLAPACK} (Java). */
    public static String backend() {
        return instance().getClass().getSimpleName();
    }
}
