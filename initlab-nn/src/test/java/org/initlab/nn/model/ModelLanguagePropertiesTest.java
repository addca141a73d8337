package org.initlab.nn.model;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.initlab.core.gain.Activation;
import org.initlab.nn.model.Family.Steps;
import org.initlab.nn.model.LayerSpec.Cell;

/**
 * {@code parse(format(m)).equals(m)} over generated models of every kind, nested up to four
 * levels, with sizes inferred or written, defaults and non-defaults, and awkward doubles
 * (negative zero, NaN, infinities, subnormals).
 */
class ModelLanguagePropertiesTest {
    @Property(tries = 500)
    void formatThenParseGivesTheSameModel(@ForAll("models") LayerSpec model) {
        String text = ModelLanguage.format(model);
        assertThat(ModelLanguage.parse(text)).as(text).isEqualTo(model);
        assertThat(ModelLanguage.format(ModelLanguage.parse(text))).isEqualTo(text);
    }

    @Provide
    Arbitrary<LayerSpec> models() {
        return Arbitraries.recursive(ModelLanguagePropertiesTest::leaf, ModelLanguagePropertiesTest::nest, 0, 4);
    }

    private static Arbitrary<LayerSpec> nest(Arbitrary<LayerSpec> inner) {
        Arbitrary<java.util.List<Integer>> input = size().list().ofMaxSize(3);
        return Arbitraries.oneOf(
                Combinators.combine(inner, Arbitraries.of(true, false)).as(LayerSpec.Residual::new),
                inner.map(LayerSpec.PerStep::new),
                Combinators.combine(inner.list().ofMaxSize(4), input).as(LayerSpec.Seq::new));
    }

    private static Arbitrary<Integer> size() {
        return Arbitraries.integers().between(1, 300);
    }

    private static Arbitrary<Integer> inferable() {
        return Arbitraries.oneOf(Arbitraries.just(0), size());
    }

    private static Arbitrary<Double> real() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-10, 10),
                Arbitraries.of(
                        -0.0,
                        0.0,
                        Double.NaN,
                        Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY,
                        Double.MIN_VALUE,
                        1e-5,
                        0.1,
                        1e300));
    }

    private static Arbitrary<LayerSpec> leaf() {
        return Arbitraries.oneOf(
                Combinators.combine(inferable(), size()).as(LayerSpec.Dense::new),
                Combinators.combine(
                                inferable(),
                                size(),
                                size(),
                                size(),
                                Arbitraries.integers().between(0, 5),
                                size())
                        .as(LayerSpec.Conv2d::new),
                Combinators.combine(size(), inferable()).as(LayerSpec.MaxPool::new),
                Combinators.combine(size(), inferable()).as(LayerSpec.AvgPool::new),
                Combinators.combine(inferable(), real(), real()).as(LayerSpec.BatchNorm::new),
                Combinators.combine(inferable(), real()).as(LayerSpec.LayerNorm::new),
                Combinators.combine(Arbitraries.doubles().between(0, 0.99), Arbitraries.longs())
                        .as(LayerSpec.Dropout::new),
                Arbitraries.just(new LayerSpec.Flatten()),
                Combinators.combine(Arbitraries.of(Activation.class), real()).as(LayerSpec.Activate::new),
                Combinators.combine(size(), size()).as(LayerSpec.Embedding::new),
                Combinators.combine(Arbitraries.of(Cell.class), inferable(), size())
                        .as(LayerSpec.Recurrent::new),
                Arbitraries.just(new LayerSpec.LastStep()),
                Combinators.combine(inferable(), Arbitraries.of(true, false)).as(LayerSpec.SelfAttention::new),
                Combinators.combine(size(), size().list().ofMaxSize(4), size(), Arbitraries.of(Activation.class))
                        .as(Family.Mlp::new),
                Combinators.combine(
                                size(),
                                size(),
                                Arbitraries.integers().between(0, 5),
                                size(),
                                Arbitraries.of(Activation.class),
                                Arbitraries.of(true, false))
                        .as(Family.ResMlp::new),
                Combinators.combine(
                                size(),
                                Arbitraries.integers().between(4, 64),
                                Arbitraries.integers().between(4, 64),
                                size())
                        .as(Family.Cnn::new),
                Combinators.combine(Arbitraries.of(Cell.class), size(), size(), size(), Arbitraries.of(Steps.class))
                        .as(Family.RecurrentNet::new));
    }
}
