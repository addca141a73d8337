package org.initlab.core.init;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * For every kind, random valid configurations print to a spec that parses back to an equal
 * record: the spec form is the record's components, complete and lossless.
 */
class SpecRoundTripTest {
    private static final List<String> NONLINEARITIES = List.of(
            "relu",
            "leaky_relu",
            "tanh",
            "sigmoid",
            "linear",
            "selu",
            "gelu",
            "silu",
            "elu",
            "mish",
            "softplus",
            "conv2d");

    private static Object randomValue(Class<?> type, Random r) {
        if (type == double.class) {
            return switch (r.nextInt(5)) {
                case 0 -> (double) (r.nextInt(21) - 10);
                case 1 -> r.nextDouble();
                case 2 -> -r.nextDouble() * 3;
                case 3 -> Math.scalb(r.nextDouble(), -r.nextInt(40));
                default -> Double.NaN;
            };
        }
        if (type == int.class) {
            return 1 + r.nextInt(8);
        }
        if (type == boolean.class) {
            return r.nextBoolean();
        }
        if (type == String.class) {
            return NONLINEARITIES.get(r.nextInt(NONLINEARITIES.size()));
        }
        Object[] constants = type.getEnumConstants();
        return constants[r.nextInt(constants.length)];
    }

    @Test
    void randomConfigurationsSurviveFormatAndParse() throws ReflectiveOperationException {
        Random r = new Random(20261123);
        int checked = 0;
        for (Registry.Kind kind : Registry.kinds()) {
            RecordComponent[] comps = kind.defaults().getClass().getRecordComponents();
            Class<?>[] types =
                    java.util.Arrays.stream(comps).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Constructor<?> ctor = kind.defaults().getClass().getDeclaredConstructor(types);
            for (int i = 0; i < 300; i++) {
                Object[] values = new Object[comps.length];
                for (int c = 0; c < comps.length; c++) {
                    values[c] = randomValue(types[c], r);
                }
                Initializer init;
                try {
                    init = (Initializer) ctor.newInstance(values);
                } catch (InvocationTargetException e) {
                    assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
                    continue; // an invalid configuration, rejected with a message
                }
                String spec = Registry.format(init);
                assertThat(Registry.parse(spec)).as(spec).isEqualTo(init);
                assertThat(Registry.format(Registry.parse(spec))).isEqualTo(spec);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(2000);
    }
}
