package org.initlab.lab.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.initlab.core.init.MethodCard;
import org.junit.jupiter.api.Test;

/** The plan registry: names, spec round trips, errors, and a method card for every name. */
class PlansTest {

    @Test
    void everyKindHasAUniqueNameAndACardWithLawPaperAndUse() {
        Set<String> names = new HashSet<>();
        for (String name : Plans.cardNames()) {
            assertThat(names.add(name)).as(name).isTrue();
            MethodCard card = Plans.card(name);
            assertThat(card.get("law")).as("law of " + name).isNotBlank();
            assertThat(card.get("paper")).as("paper of " + name).isNotBlank();
            assertThat(card.get("use")).as("use of " + name).isNotBlank();
        }
        assertThat(Plans.cardNames()).containsExactly("gpt2", "deepnorm", "t_fixup", "small_embedding", "mup");
    }

    @Test
    void specsRoundTrip() {
        for (Plans.Kind k : Plans.kinds()) {
            assertThat(Plans.format(k.defaults())).isEqualTo(k.name());
            assertThat(Plans.parse(k.name())).isEqualTo(k.defaults());
        }
        ModelPlan d = Plans.parse("deepnet(encoder_layers=6, decoder_layers=6, stack=decoder)");
        assertThat(d).isEqualTo(new DeepNorm(6, 6, Stack.DECODER));
        assertThat(Plans.format(d)).isEqualTo("deepnorm(encoder_layers=6, decoder_layers=6, stack=decoder)");
        assertThat(Plans.parse("gpt2(std=0.01)")).isEqualTo(new Gpt2Scaling(0.01));
        assertThat(Plans.parse("small_embedding(variant=small_init)"))
                .isEqualTo(new SmallEmbedding(SmallEmbedding.Variant.SMALL_INIT));
        assertThat(Plans.isPlan("T_Fixup(encoder_layers=3)")).isTrue();
        assertThat(Plans.isPlan("he_normal")).isFalse();
    }

    @Test
    void badSpecsSayWhatIsValid() {
        assertThatThrownBy(() -> Plans.parse("deepnrom"))
                .hasMessageContaining("unknown plan 'deepnrom'")
                .hasMessageContaining("deepnorm");
        assertThatThrownBy(() -> Plans.parse("gpt2(sd=1)"))
                .hasMessageContaining("unknown argument 'sd'")
                .hasMessageContaining("std");
        assertThatThrownBy(() -> Plans.parse("gpt2(std=-1)"))
                .hasMessageContaining("std must be finite and > 0, got -1");
        assertThatThrownBy(() -> Plans.parse("t_fixup(stack=middle)"))
                .hasMessageContaining("middle")
                .hasMessageContaining("encoder");
    }
}
