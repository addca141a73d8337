package org.initlab.io.pretrained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameMappingTest {

    @Test
    void firstMatchingRuleWinsAndItsOutputIsNotRewrittenAgain() {
        NameMapping m = NameMapping.parse(List.of("^features\\.(\\d+)=$1", "^(\\d+)\\.weight$=head.weight"));
        // rule 1 matches; rule 2 would match the result "3.weight" but never sees it
        assertThat(m.map("features.3.weight")).isEqualTo("3.weight");
        // rule 1 does not match; rule 2 does
        assertThat(m.map("3.weight")).isEqualTo("head.weight");
        // no rule matches: the key is kept
        assertThat(m.map("classifier.bias")).isEqualTo("classifier.bias");
    }

    @Test
    void aRuleReplacesEveryOccurrenceOfItsPattern() {
        assertThat(NameMapping.parse(List.of("/=.")).map("block/0/kernel")).isEqualTo("block.0.kernel");
    }

    @Test
    void anEmptyReplacementStripsAPrefix() {
        NameMapping m = NameMapping.parse(List.of("^module\\.="));
        assertThat(m.map("module.0.weight")).isEqualTo("0.weight");
        assertThat(m.map("0.module.weight")).isEqualTo("0.module.weight");
    }

    @Test
    void theRuleIsSplitAtTheLastEqualsSignSoLookaheadsWork() {
        NameMapping.Rule r = NameMapping.Rule.parse("^w(?=\\d)=layer");
        assertThat(r.pattern().pattern()).isEqualTo("^w(?=\\d)");
        assertThat(r.replacement()).isEqualTo("layer");
        assertThat(new NameMapping(List.of(r)).map("w3.bias")).isEqualTo("layer3.bias");
        assertThat(new NameMapping(List.of(r)).map("wx.bias")).isEqualTo("wx.bias");
    }

    @Test
    void namedGroupsAndEscapedDollarsAreAccepted() {
        NameMapping m = NameMapping.parse(List.of("^dense_(?<i>\\d+)/kernel$=${i}.weight", "^cost$=\\$x"));
        assertThat(m.map("dense_4/kernel")).isEqualTo("4.weight");
        assertThat(m.map("cost")).isEqualTo("$x");
    }

    @Test
    void rulesPrintAsTheyParseAndCompareByText() {
        NameMapping.Rule r = NameMapping.Rule.parse("^features\\.(\\d+)=$1");
        assertThat(r.toString()).isEqualTo("^features\\.(\\d+)=$1");
        assertThat(NameMapping.Rule.parse(r.toString())).isEqualTo(r).hasSameHashCodeAs(r);
        assertThat(NameMapping.Rule.parse("^a=b")).isNotEqualTo(NameMapping.Rule.parse("^a=c"));
    }

    @Test
    void badRulesAreRefusedWithTheRuleAndTheReason() {
        assertThatThrownBy(() -> NameMapping.Rule.parse("features.0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'features.0' has no '='")
                .hasMessageContaining("PATTERN=REPLACEMENT");
        assertThatThrownBy(() -> NameMapping.Rule.parse("=0."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty pattern");
        assertThatThrownBy(() -> NameMapping.Rule.parse("^features\\.(\\d+=$1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad regular expression '^features\\.(\\d+'")
                .hasMessageContaining("Unclosed group");
        assertThatThrownBy(() -> NameMapping.Rule.parse("^f\\.(\\d+)=$2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refers to $2")
                .hasMessageContaining("1 group(s); valid: $0 to $1");
        assertThatThrownBy(() -> NameMapping.Rule.parse("^f=${x}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no group of that name");
        assertThatThrownBy(() -> NameMapping.Rule.parse("^f=a$"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lone '$'");
        assertThatThrownBy(() -> NameMapping.Rule.parse("^f=a\\"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lone '\\'");
        assertThatThrownBy(() -> NameMapping.Rule.parse("^f=$x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not followed by a group number");
    }

    @Test
    void mapKeysGroupsTheKeysThatCollideInFileOrder() {
        NameMapping m = NameMapping.parse(List.of("^(a|b)\\.=0.", "^c\\.=1."));
        var byPath = m.mapKeys(List.of("a.weight", "c.weight", "b.weight", "a.bias"));
        assertThat(byPath.sequencedKeySet()).containsExactly("0.weight", "1.weight", "0.bias");
        assertThat(byPath.get("0.weight")).containsExactly("a.weight", "b.weight");
        assertThat(byPath.get("1.weight")).containsExactly("c.weight");
    }
}
