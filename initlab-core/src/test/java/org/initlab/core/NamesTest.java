package org.initlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class NamesTest {

    private static final List<String> ACTIVATIONS =
            List.of("linear", "sigmoid", "tanh", "relu", "leaky_relu", "gelu", "gelu_tanh", "elu");

    @Test
    void suggestsTheNameOneTypoAway() {
        assertThat(Names.closest("rleu", ACTIVATIONS)).contains("relu"); // transposition
        assertThat(Names.closest("tahn", ACTIVATIONS)).contains("tanh"); // transposition
        assertThat(Names.closest("sigmod", ACTIVATIONS)).contains("sigmoid"); // deletion
        assertThat(Names.closest("leakyrelu", ACTIVATIONS)).contains("leaky_relu"); // insertion
        assertThat(Names.closest("gelu_tanj", ACTIVATIONS)).contains("gelu_tanh"); // substitution
    }

    @Test
    void comparesIgnoringCaseButAnswersInTheValidSpelling() {
        assertThat(Names.closest("LeakyReLU", ACTIVATIONS)).contains("leaky_relu");
        assertThat(Names.closest("  GELU ", ACTIVATIONS)).contains("gelu");
    }

    @Test
    void staysSilentWhenNothingIsClose() {
        assertThat(Names.closest("softmax", ACTIVATIONS)).isEmpty();
        assertThat(Names.closest("", ACTIVATIONS)).isEmpty(); // 'elu' is 3 edits from ''
    }

    @Test
    void breaksTiesByCollectionOrder() {
        assertThat(Names.closest("ab", List.of("ac", "ad"))).contains("ac");
        assertThat(Names.closest("ab", List.of("ad", "ac"))).contains("ad");
    }

    @Test
    void unknownNamesTheValueTheSuggestionAndEveryValidChoice() {
        assertThat(Names.unknown("activation", "rleu", List.of("linear", "relu", "tanh")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown activation 'rleu'; did you mean 'relu'? valid: linear, relu, tanh");
        assertThat(Names.unknown("mode", "sideways", List.of("fan_in", "fan_out")))
                .hasMessage("unknown mode 'sideways'; valid: fan_in, fan_out");
    }

    @Property
    void distanceIsZeroExactlyForEqualStrings(
            @ForAll @AlphaChars @StringLength(max = 12) String a,
            @ForAll @AlphaChars @StringLength(max = 12) String b) {
        assertThat(Names.distance(a, b) == 0).isEqualTo(a.equals(b));
        assertThat(Names.distance(a, b)).isEqualTo(Names.distance(b, a));
        assertThat(Names.distance(a, b)).isBetween(Math.abs(a.length() - b.length()), Math.max(a.length(), b.length()));
    }

    @Property
    void oneEditIsDistanceOne(
            @ForAll @AlphaChars @StringLength(min = 2, max = 12) String a, @ForAll @IntRange(max = 100) int at) {
        int i = at % (a.length() - 1);
        String deleted = a.substring(0, i) + a.substring(i + 1);
        String swapped = a.substring(0, i) + a.charAt(i + 1) + a.charAt(i) + a.substring(i + 2);
        assertThat(Names.distance(a, deleted)).isEqualTo(1);
        assertThat(Names.distance(a, swapped)).isEqualTo(a.charAt(i) == a.charAt(i + 1) ? 0 : 1);
    }
}
