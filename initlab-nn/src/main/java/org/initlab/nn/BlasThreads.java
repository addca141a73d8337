package org.initlab.nn;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The number of threads the native BLAS uses inside one product, where it can be read and set:
 * OpenBLAS's {@code openblas_get_num_threads} and {@code openblas_set_num_threads}, found in the
 * library netlib loads ({@code libblas.so.3} or netlib's property
 * {@code dev.ludovic.netlib.blas.nativeLib}). OpenBLAS's setting is one for the whole process,
 * whichever thread calls. With netlib's Java BLAS, the in-order loop or a native BLAS without
 * these functions (the reference BLAS is single-threaded), there is nothing to set:
 * {@link #get()} is empty and {@link #set} returns false.
 *
 * <p>Why it matters: when several threads each train a model, every product may also wake
 * OpenBLAS's own threads (as many as the machine's cores by default), so {@code w} workers run up
 * to {@code w × cores} busy threads on {@code cores} cores. Callers that run work in parallel limit
 * it (see the lab's scheduler). OpenBLAS splits a product's rows and columns among its threads,
 * never the inner sum, so each element is summed in the same order whatever the count.
 *
 * <p>The functions are called through the foreign-function API, looked up by reflection so that
 * this class compiles for Java 21 (where that API is a preview) and works on Java 22 and later; on
 * a JVM without it, or without native access, nothing is set.
 */
public final class BlasThreads {
    private static final String LIBRARY_PROPERTY = "dev.ludovic.netlib.blas.nativeLib";
    private static final Handles HANDLES = Handles.find();

    private BlasThreads() {}

    /** The native BLAS's thread count, or empty where it cannot be read (see the class comment). */
    public static synchronized OptionalInt get() {
        if (HANDLES == null || !nativeBlas()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of((int) HANDLES.get().invokeWithArguments());
        } catch (Throwable t) {
            return OptionalInt.empty();
        }
    }

    /**
     * Sets the native BLAS's thread count for the whole process.
     *
     * @param threads at least 1
     * @return whether it was set (false where there is nothing to set)
     * @throws IllegalArgumentException when {@code threads < 1}
     */
    public static synchronized boolean set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("BLAS threads must be at least 1, got " + threads);
        }
        if (HANDLES == null || !nativeBlas()) {
            return false;
        }
        try {
            HANDLES.set().invokeWithArguments(threads);
            return true;
        } catch (Throwable t) {
            return false;
        }
    }

    private static boolean nativeBlas() {
        return Gemm.backend().startsWith("JNI");
    }

    /** The two downcall handles, or null when the library, the functions or the API are missing. */
    private record Handles(MethodHandle get, MethodHandle set) {
        static Handles find() {
            try {
                Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
                Class<?> arenaType = Class.forName("java.lang.foreign.Arena");
                Class<?> lookupType = Class.forName("java.lang.foreign.SymbolLookup");
                Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
                Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
                Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
                Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
                Object linker = linkerType.getMethod("nativeLinker").invoke(null);
                Object arena = arenaType.getMethod("global").invoke(null);
                String library = System.getProperty(LIBRARY_PROPERTY, "libblas.so.3");
                Object lookup = lookupType
                        .getMethod("libraryLookup", String.class, arenaType)
                        .invoke(null, library, arena);
                Optional<?> getter = (Optional<?>)
                        lookupType.getMethod("find", String.class).invoke(lookup, "openblas_get_num_threads");
                Optional<?> setter = (Optional<?>)
                        lookupType.getMethod("find", String.class).invoke(lookup, "openblas_set_num_threads");
                if (getter.isEmpty() || setter.isEmpty()) {
                    return null;
                }
                Object javaInt = Class.forName("java.lang.foreign.ValueLayout")
                        .getField("JAVA_INT")
                        .get(null);
                Object none = Array.newInstance(layoutType, 0);
                Object oneInt = Array.newInstance(layoutType, 1);
                Array.set(oneInt, 0, javaInt);
                Object getDescriptor = descriptorType
                        .getMethod("of", layoutType, none.getClass())
                        .invoke(null, javaInt, none);
                Object setDescriptor =
                        descriptorType.getMethod("ofVoid", oneInt.getClass()).invoke(null, oneInt);
                Object noOptions = Array.newInstance(optionType, 0);
                var downcall =
                        linkerType.getMethod("downcallHandle", segmentType, descriptorType, noOptions.getClass());
                return new Handles(
                        (MethodHandle) downcall.invoke(linker, getter.get(), getDescriptor, noOptions),
                        (MethodHandle) downcall.invoke(linker, setter.get(), setDescriptor, noOptions));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        }
    }
}
