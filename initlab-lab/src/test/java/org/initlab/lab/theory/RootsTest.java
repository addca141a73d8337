package org.initlab.lab.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RootsTest {

    @Test
    void findsSimpleRootsFastAndKeepsTheBracket() {
        AtomicInteger calls = new AtomicInteger();
        double root = Roots.bracketed(
                x -> {
                    calls.incrementAndGet();
                    return x * x - 2;
                },
                0,
                2,
                -2,
                2,
                1e-15);
        assertThat(root).isCloseTo(Math.sqrt(2), within(2e-15));
        assertThat(calls.get()).isLessThan(20); // bisection alone would need 51
        // a root at a triple zero, where false position crawls: the bisection safeguard still converges
        double flat = Roots.bracketed(x -> Math.pow(x - 0.3, 3), -1, 1, Math.pow(-1.3, 3), Math.pow(0.7, 3), 1e-12);
        assertThat(flat).isCloseTo(0.3, within(1e-6));
        // a step: converges to the jump
        assertThat(Roots.bracketed(x -> x < 0.7 ? -1 : 1, 0, 1, -1, 1, 1e-12)).isCloseTo(0.7, within(1e-12));
    }

    @Test
    void endsThatAreRootsAreReturnedAndBracketsWithoutSignChangeRejected() {
        assertThat(Roots.bracketed(x -> x, 0, 1, 0, 1, 1e-12)).isEqualTo(0.0);
        assertThat(Roots.bracketed(x -> x - 1, 0, 1, -1, 0, 1e-12)).isEqualTo(1.0);
        assertThatThrownBy(() -> Roots.bracketed(x -> 1, 0, 1, 1, 1, 1e-12)).hasMessageContaining("no sign change");
    }
}
