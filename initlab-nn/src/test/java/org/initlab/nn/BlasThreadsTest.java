package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class BlasThreadsTest {
    @Test
    void withJavaBlasThereIsNothingToSet() {
        String was = System.setProperty(Gemm.JAVA_PROPERTY, "java");
        try {
            assertThat(BlasThreads.get()).isEmpty();
            assertThat(BlasThreads.set(1)).isFalse();
        } finally {
            restore(was);
        }
    }

    @Test
    void openBlasThreadsAreReadAndSetWhereOpenBlasIsTheSystemBlas() {
        String was = System.clearProperty(Gemm.JAVA_PROPERTY);
        try {
            OptionalInt before = BlasThreads.get();
            assumeTrue(before.isPresent(), "no native OpenBLAS here (BLAS: " + Gemm.backend() + ")");
            assertThat(BlasThreads.set(1)).isTrue();
            assertThat(BlasThreads.get()).hasValue(1);
            assertThat(BlasThreads.set(before.getAsInt())).isTrue();
            assertThat(BlasThreads.get()).isEqualTo(before);
        } finally {
            restore(was);
        }
    }

    @Test
    void fewerThanOneThreadIsRefused() {
        assertThatThrownBy(() -> BlasThreads.set(0)).hasMessage("BLAS threads must be at least 1, got 0");
    }

    private static void restore(String was) {
        if (was == null) {
            System.clearProperty(Gemm.JAVA_PROPERTY);
        } else {
            System.setProperty(Gemm.JAVA_PROPERTY, was);
        }
    }
}
