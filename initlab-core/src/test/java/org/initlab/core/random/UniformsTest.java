package org.initlab.core.random;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class UniformsTest {

    @Test
    void extremesOfTheWord() {
        assertThat(Uniforms.unitFloat(0)).isZero();
        assertThat(Uniforms.unitFloat(0xFF)).isZero();
        assertThat(Uniforms.unitFloat(0x100)).isEqualTo(0x1.0p-24f);
        assertThat(Uniforms.unitFloat(-1)).isEqualTo(1.0f - 0x1.0p-24f);
        assertThat(Uniforms.openUnit(0)).isEqualTo(0x1.0p-33);
        assertThat(Uniforms.openUnit(Integer.MIN_VALUE)).isEqualTo(0.5 + 0x1.0p-33);
        assertThat(Uniforms.openUnit(-1)).isEqualTo(1.0 - 0x1.0p-33);
    }

    @Property
    void unitFloatIsTheTop24BitsExactly(@ForAll int word) {
        float u = Uniforms.unitFloat(word);
        assertThat(u).isGreaterThanOrEqualTo(0f).isLessThan(1f);
        assertThat((long) (u * 0x1.0p24)).isEqualTo(word >>> 8);
    }

    @Property
    void openUnitIsACellMidpointAndSymmetric(@ForAll int word) {
        double u = Uniforms.openUnit(word);
        assertThat(u).isGreaterThan(0.0).isLessThan(1.0);
        assertThat(u * 0x1.0p32 - 0.5).isEqualTo((double) Integer.toUnsignedLong(word));
        assertThat(Uniforms.openUnit(~word)).isEqualTo(1.0 - u);
        assertThat(Uniforms.centredUnit(word)).isEqualTo(u - 0.5);
    }

    @Property
    void bothAreMonotoneInTheUnsignedWord(@ForAll int a, @ForAll int b) {
        int order = Integer.compareUnsigned(a, b);
        assertThat(Double.compare(Uniforms.openUnit(a), Uniforms.openUnit(b))).isEqualTo(Integer.signum(order));
        if (order < 0) {
            assertThat(Uniforms.unitFloat(a)).isLessThanOrEqualTo(Uniforms.unitFloat(b));
        }
    }
}
