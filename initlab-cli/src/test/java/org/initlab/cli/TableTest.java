package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tables fit the width they are given, never break a number, and print a shared reason once. */
class TableTest {
    private static String print(Table t, int width) {
        StringWriter s = new StringWriter();
        PrintWriter out = new PrintWriter(s);
        t.print(out, width);
        out.flush();
        return s.toString();
    }

    private static final String REASON =
            "a ReLU zeroes half of its input, so Var(W) = 2/fan_in keeps the pre-activation"
                    + " variance constant with depth (He, Zhang, Ren and Sun 2015)";

    private static Table advice() {
        return new Table("parameter", "initializer", "value", "reason")
                .notes("reason")
                .row("0.weight", "he_normal", 0.125, REASON)
                .row("0.bias", "zeros", 0.0, "biases start at zero")
                .row("2.weight", "he_normal", 123456.789, REASON)
                .row(
                        "4.weight",
                        "glorot_uniform",
                        -1.5e-7,
                        "no nonlinearity follows (an output layer): Glorot uniform keeps"
                                + " the forward and backward variances balanced (Glorot and Bengio 2010)");
    }

    @Test
    void aTableThatFitsIsPrintedAsBefore() {
        String s = print(new Table("epoch", "loss").row(1, 0.5).row(10, 0.25), 80);
        assertThat(s).isEqualTo("epoch  loss\n-----  ----\n    1   0.5\n   10  0.25\n");
    }

    @Test
    void everyLineFitsTheWidthAndNothingIsLost() {
        for (int width : new int[] {40, 60, 80, 120}) {
            String s = print(advice(), width);
            for (String line : s.lines().toList()) {
                assertThat(line.length()).as("width %d: %s", width, line).isLessThanOrEqualTo(width);
            }
            // every number appears whole, on one line
            assertThat(s).contains("0.125").contains("123457").contains("-1.5000e-7");
            // every word of every cell is printed
            for (String word : (REASON + " no nonlinearity follows Glorot and Bengio 2010)").split(" ")) {
                assertThat(s).as("width %d", width).contains(word);
            }
        }
    }

    @Test
    void aReasonSharedByRowsIsPrintedOnceAsANumberedNote() {
        String s = print(advice(), 80);
        assertThat(s.split("ReLU zeroes half", -1)).hasSize(2);
        assertThat(s)
                .contains("0.125  [1]")
                .contains("123457  [1]")
                .contains("\n[1] a ReLU zeroes half of its input")
                .contains("biases start at zero");
        assertThat(s).doesNotContain("[2]");
    }

    @Test
    void noLimitPrintsEveryCellOnOneLine() {
        String s = print(advice(), 0);
        assertThat(s.lines()
                        .filter(l -> l.contains("glorot_uniform"))
                        .findFirst()
                        .orElseThrow())
                .endsWith("(Glorot and Bengio 2010)");
        assertThat(s.lines().count()).isEqualTo(2 + 4 + 1);
    }

    @Test
    void columnsThatCannotFitArePrintedInBlocksRepeatingTheFirst() {
        Table t = new Table("layer", "mean", "std", "min", "max", "grad_out", "grad_w", "verdict");
        for (int i = 0; i < 3; i++) {
            t.row(i, 0.000640775, 0.277519, -1.14489, 1.13361, 0.00103058, 0.0289776, "healthy");
        }
        String s = print(t, 40);
        for (String line : s.lines().toList()) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(40);
        }
        assertThat(s.lines().filter(l -> l.startsWith("layer")).count()).isGreaterThan(1);
        assertThat(s).contains("0.000640775").contains("0.00103058").contains("healthy");
    }

    @Test
    void theWidthComesFromColumnsThenEighty() {
        assertThat(Terminal.columns(Map.of("COLUMNS", "120"))).isEqualTo(120);
        assertThat(Terminal.columns(Map.of())).isEqualTo(80);
        assertThat(Terminal.columns(Map.of("COLUMNS", "wide"))).isEqualTo(80);
        assertThat(Terminal.columns(Map.of("COLUMNS", "10"))).isEqualTo(Terminal.MIN_COLUMNS);
    }

    @Test
    void advisePrintsWithinColumnsAndWidePrintsEverything() {
        StringWriter out = new StringWriter();
        int status = Main.run(
                new String[] {"advise", "--model", "mlp(784,[256,128],10,act=relu)"},
                new PrintWriter(out),
                new PrintWriter(new StringWriter()),
                Map.of("COLUMNS", "80"));
        assertThat(status).isZero();
        assertThat(out.toString().lines().mapToInt(String::length).max().orElseThrow())
                .isLessThanOrEqualTo(80);
        assertThat(out.toString().split("zeroes half", -1).length - 1)
                .as("the He reason once")
                .isEqualTo(1);
        StringWriter wide = new StringWriter();
        Main.run(
                new String[] {"advise", "--model", "mlp(784,[256,128],10,act=relu)", "--wide"},
                new PrintWriter(wide),
                new PrintWriter(new StringWriter()),
                Map.of("COLUMNS", "80"));
        assertThat(wide.toString().lines().mapToInt(String::length).max().orElseThrow())
                .isGreaterThan(150);
        assertThat(List.of(wide.toString().split("\n"))).anyMatch(l -> l.endsWith("(Glorot and Bengio 2010)"));
    }
}
