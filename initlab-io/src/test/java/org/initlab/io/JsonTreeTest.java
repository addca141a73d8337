package org.initlab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.initlab.io.JsonTree.Arr;
import org.initlab.io.JsonTree.Num;
import org.initlab.io.JsonTree.Obj;
import org.initlab.io.JsonTree.Str;
import org.junit.jupiter.api.Test;

class JsonTreeTest {
    @Test
    void parsesEveryKindOfValueWithItsOffset() throws FormatException {
        JsonTree v =
                parse(" {\"a\" : [1, -2.5e+3, true, false, null, \"x\\u00e9\\ud83d\\ude00\\n\\/\"], \"b\":{}}  \n");
        Obj o = (Obj) v;
        assertThat(o.at()).isEqualTo(1);
        assertThat(o.members()).extracting(JsonTree.Member::key).containsExactly("a", "b");
        Arr a = (Arr) o.members().get(0).value();
        assertThat(a.at()).isEqualTo(8);
        assertThat(a.items()).hasSize(6);
        assertThat(((Num) a.items().get(0)).asLong()).isEqualTo(1);
        assertThat(((Num) a.items().get(1)).text()).isEqualTo("-2.5e+3");
        assertThat(((Num) a.items().get(1)).asLong()).isEqualTo(-1);
        assertThat(((Str) a.items().get(5)).value()).isEqualTo("x\u00e9\ud83d\ude00\n/");
        assertThat(parse("\"\u00fcber\"")).isEqualTo(new Str("\u00fcber", 0));
    }

    @Test
    void integersBeyondALongAreNotConvertedAtAll() throws FormatException {
        assertThat(((Num) parse("9223372036854775807")).asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(((Num) parse("9223372036854775808")).asLong()).isEqualTo(-1);
        assertThat(((Num) parse("1" + "0".repeat(100_000))).asLong()).isEqualTo(-1);
    }

    @Test
    void rejectsWhatRfc8259Rejects() {
        fails("{\"a\":1,}", 7, "expected a string key");
        fails("[1,]", 3, "expected a JSON value");
        fails("{\"a\":1,\"a\":2}", 7, "key \"a\" appears twice");
        fails("01", 0, "leading zeros");
        fails("1.", 2, "expected a digit after the decimal point");
        fails("1e", 2, "expected a digit in the exponent");
        fails("-", 1, "expected a digit");
        fails("+1", 0, "expected a JSON value");
        fails("\"a\tb\"", 2, "control character 0x09");
        fails("\"\\x\"", 1, "invalid escape sequence");
        fails("\"\\ud83d\"", 1, "lone high surrogate");
        fails("\"\\ude00\"", 1, "lone low surrogate");
        fails("\"\\u12g4\"", 5, "needs 4 hex digits");
        fails("\"abc", 0, "unterminated string");
        fails("tru", 0, "expected a JSON value");
        fails("nul", 0, "expected a JSON value");
        fails("{} {}", 3, "after the JSON value");
        fails("/* c */ {}", 0, "expected a JSON value");
        fails("  ", 2, "empty; it must hold a JSON value");
        fails("{\"a\" 1}", 5, "expected ':'");
        fails("[1 2]", 3, "expected ',' or ']'");
        fails("{\"a\":1 \"b\":2}", 7, "expected ',' or '}'");
    }

    @Test
    void deepNestingFailsInsteadOfOverflowingTheStack() {
        fails("[".repeat(65) + "]".repeat(65), 64, "nesting deeper than 64 levels");
        fails("[".repeat(1_000_000), 64, "nesting deeper than 64 levels");
        assertThat(catchingParse("[".repeat(64) + "]".repeat(64))).isNull();
    }

    @Test
    void invalidUtf8IsRejectedAtItsByte() {
        byte[] bad = {'"', 'a', (byte) 0xc3, '(', '"'};
        assertThatThrownBy(() -> JsonTree.parse(bad, "h", 8))
                .isInstanceOf(FormatException.class)
                .hasMessage("h: byte offset 10: JSON document: not valid UTF-8");
        assertThatThrownBy(() -> JsonTree.parse(bad, "h", 8, "safetensors header"))
                .isInstanceOf(FormatException.class)
                .hasMessage("h: byte offset 10: safetensors header: not valid UTF-8");
    }

    @Test
    void messagesNameWhatIsRead() {
        assertThatThrownBy(() ->
                        JsonTree.parse("{\"a\":}".getBytes(StandardCharsets.UTF_8), "spec.json", 0, "experiment spec"))
                .hasMessage("spec.json: byte offset 5: experiment spec: expected a JSON value, found '}'");
    }

    private static JsonTree parse(String s) throws FormatException {
        return JsonTree.parse(s.getBytes(StandardCharsets.UTF_8), "h", 0);
    }

    private static FormatException catchingParse(String s) {
        try {
            parse(s);
            return null;
        } catch (FormatException e) {
            return e;
        }
    }

    private static void fails(String s, int at, String reason) {
        FormatException e = catchingParse(s);
        assertThat(e).as(s.length() > 80 ? s.substring(0, 80) : s).isNotNull();
        assertThat(e.reason()).as(s.length() > 80 ? s.substring(0, 80) : s).contains(reason);
        assertThat(e.offset()).as(s.length() > 80 ? s.substring(0, 80) : s).isEqualTo(at);
    }
}
