package org.initlab.io.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.initlab.nn.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    /** Surefire runs in the module folder (initlab-io); the shared data sits beside the repository. */
    private static final Path DATA = Path.of("../../shared/data");

    @TempDir
    Path tmp;

    @Test
    void readsTheRealDigits() {
        Path file = DATA.resolve("digits/digits.csv.gz");
        assumeTrue(Files.isRegularFile(file), "no digits at " + file);
        Csv.Table t = Csv.read(file, Csv.Layout.DEFAULT);
        Dataset d = t.dataset();
        assertThat(d.size()).isEqualTo(1797);
        assertThat(d.features().shape()).containsExactly(1797, 64);
        assertThat(d.classes()).isEqualTo(10);
        assertThat(t.classNames()).isEmpty();
        assertThat(counts(d)).containsExactly(178, 182, 177, 183, 181, 182, 181, 179, 174, 180);
        float[] x = d.features().data();
        assertThat(java.util.Arrays.copyOf(x, 8)).containsExactly(0, 0, 5, 13, 9, 1, 0, 0);
        assertThat(d.labels()[0]).isZero();
        assertThat(d.labels()[1]).isEqualTo(1);
        for (float v : x) {
            assertThat(v).isBetween(0f, 16f);
        }
    }

    @Test
    void readsTheRealIrisWithItsMetadataHeader() {
        Path file = DATA.resolve("iris/iris.csv");
        assumeTrue(Files.isRegularFile(file), "no iris at " + file);
        Csv.Table t = Csv.read(file, Csv.Layout.DEFAULT);
        Dataset d = t.dataset();
        assertThat(d.features().shape()).containsExactly(150, 4);
        assertThat(t.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(d.classes()).isEqualTo(3);
        assertThat(counts(d)).containsExactly(50, 50, 50);
        assertThat(java.util.Arrays.copyOf(d.features().data(), 4)).containsExactly(5.1f, 3.5f, 1.4f, 0.2f);
        assertThat(d.labels()[149]).isEqualTo(2);
        assertThat(d.name()).isEqualTo("iris.csv");
    }

    private static int[] counts(Dataset d) {
        int[] c = new int[d.classes()];
        for (int y : d.labels()) {
            c[y]++;
        }
        return c;
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void plainAndGzippedFilesReadAlikeAndHeadersAreDetected() throws IOException {
        String body = "1,2,0\n3.5,-4e-1,1\n";
        Path plain = write("a.csv", body);
        Path gz = tmp.resolve("a.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        Dataset a = Csv.read(plain, Csv.Layout.DEFAULT).dataset();
        Dataset b = Csv.read(gz, Csv.Layout.DEFAULT).dataset();
        assertThat(a.features().data())
                .containsExactly(1f, 2f, 3.5f, -0.4f)
                .containsExactly(b.features().data());
        assertThat(a.labels()).containsExactly(0, 1).containsExactly(b.labels());
        Csv.Table named =
                Csv.read(write("n.csv", "x,y,class\r\n" + body.replace("\n", "\r\n") + "\n\n"), Csv.Layout.DEFAULT);
        assertThat(named.columnNames()).containsExactly("x", "y", "class");
        assertThat(named.dataset().features().data())
                .containsExactly(a.features().data());
        Dataset first = Csv.read(write("f.csv", "2,1.5,7\n0,8,9\n"), new Csv.Layout(Csv.Header.NONE, 0))
                .dataset();
        assertThat(first.labels()).containsExactly(2, 0);
        assertThat(first.classes()).isEqualTo(3);
        assertThat(first.features().data()).containsExactly(1.5f, 7f, 8f, 9f);
    }

    @Test
    void aFlattenedImageOfManyColumnsLoads() throws IOException {
        // 64×64 pixels and the label: 4097 columns, more than twice the first buffer of 1024 values
        int d = 64 * 64;
        StringBuilder b = new StringBuilder();
        for (int row = 0; row < 3; row++) {
            for (int c = 0; c < d; c++) {
                b.append(row * d + c).append(',');
            }
            b.append(row).append('\n');
        }
        Dataset data =
                Csv.read(write("wide.csv", b.toString()), Csv.Layout.DEFAULT).dataset();
        assertThat(data.features().shape()).containsExactly(3, d);
        float[] x = data.features().data();
        for (int i = 0; i < x.length; i++) {
            assertThat(x[i]).isEqualTo(i);
        }
        assertThat(data.labels()).containsExactly(0, 1, 2);
    }

    @Test
    void aLabelImplyingMoreClassesThanRowsAndTheCapIsRefused() throws IOException {
        // 1000 classes (the cap) from two rows are accepted; one more is refused, naming line, column and label
        assertThat(Csv.read(write("cap.csv", "0.5,999\n0.25,0\n"), Csv.Layout.DEFAULT)
                        .dataset()
                        .classes())
                .isEqualTo(Csv.MAX_CLASSES);
        Path big = write("big.csv", "a,b,label\n0.5,1.5,1\n0.5,1.5,999999999\n");
        assertThatThrownBy(() -> Csv.read(big, Csv.Layout.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        big + ": line 3, column 3: label 999999999 would make 1000000000 classes, more than the 2 rows"
                                + " of the file and than the 1000 classes accepted without as many rows; labels are class indices 0, 1, ...");
        assertThatThrownBy(() -> Csv.read(write("over.csv", "0.5,1000\n0.25,0\n"), Csv.Layout.DEFAULT))
                .hasMessageContaining("label 1000 would make 1001 classes");
        // as many rows as classes justify any label
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i <= 1200; i++) {
            rows.append("0.5,").append(i).append('\n');
        }
        assertThat(Csv.read(write("many.csv", rows.toString()), Csv.Layout.DEFAULT)
                        .dataset()
                        .classes())
                .isEqualTo(1201);
    }

    @Test
    void realValuedLabelsMakeARegression() throws IOException {
        Dataset auto = Csv.read(write("r.csv", "x,y,target\n1,2,0.5\n3,4,-2\n5,6,3\n"), Csv.Layout.DEFAULT)
                .dataset();
        assertThat(auto.isClassification()).isFalse();
        assertThat(((org.initlab.nn.Labels.Values) auto.targets()).values().data())
                .containsExactly(0.5f, -2f, 3f);
        assertThat(((org.initlab.nn.Labels.Values) auto.targets()).values().shape())
                .containsExactly(3, 1);
        assertThat(auto.features().data()).containsExactly(1f, 2f, 3f, 4f, 5f, 6f);
        Path counts = write("counts.csv", "1,2,0\n3,4,7\n");
        assertThat(Csv.read(counts, Csv.Layout.DEFAULT).dataset().isClassification())
                .as("integers: classes")
                .isTrue();
        Dataset forced = Csv.read(counts, new Csv.Layout(Csv.Header.NONE, -1, Csv.Task.REGRESSION))
                .dataset();
        assertThat(((org.initlab.nn.Labels.Values) forced.targets()).values().data())
                .containsExactly(0f, 7f);
        expect(
                "sklearn-real.csv",
                "2,2,a,b\n1,2,0\n1,2,0.5\n",
                "line 2, column 3: the header names classes, but the" + " labels are not all non-negative integers");
    }

    @Test
    void malformedFilesAreReportedWithFileLineColumnAndReason() throws IOException {
        expect("bad-number.csv", "1,2,0\n1,x2,1\n", "line 2, column 2: not a number: 'x2'");
        expect("typo-first.csv", "1,x2,0\n1,2,1\n", "line 1, column 2: not a number: 'x2'");
        expect("columns.csv", "1,2,0\n1,1\n", "line 2: 2 columns, expected 3 like line 1");
        expect(
                "label.csv",
                "1,2,0\n1,2,x\n",
                "line 2, column 3: the label must be a number (a class 0, 1, ... or a" + " real target), got 'x'");
        for (String[] c : new String[][] {
            {"1,2,0\n1,2,1.5\n", "2, column 3: the label must be a non-negative integer, got '1.5'"},
            {"1,2,-1\n", "1, column 3: the label must be a non-negative integer, got '-1'"}
        }) {
            Path p = write("classes-only.csv", c[0]);
            assertThatThrownBy(() -> Csv.read(p, new Csv.Layout(Csv.Header.AUTO, -1, Csv.Task.CLASSIFICATION)))
                    .hasMessageStartingWith(p + ": line " + c[1]);
        }
        expect("empty-field.csv", "1,,0\n", "line 1, column 2: empty field");
        expect("blank.csv", "1,2,0\n\n1,2,1\n", "line 2: empty line before more data (line 3)");
        expect("empty.csv", "", "line 1: empty file");
        expect("overflow.csv", "1e99,2,0\n", "line 1, column 1: '1e99' overflows a float");
        expect("nan.csv", "NaN,2,0\n", "line 1, column 1: not a number: 'NaN'");
        expect("rows.csv", "3,2,a,b\n1,2,0\n1,2,1\n", "line 1, column 1: the header announces 3 rows, the file has 2");
        expect("features.csv", "2,3,a,b\n1,2,0\n1,2,1\n", "line 1, column 2: the header announces 3 features");
        expect(
                "classes.csv",
                "2,2,a,b\n1,2,0\n1,2,2\n",
                "line 3, column 3: label 2 but the header names 2 classes [a, b]");
        expect("only-header.csv", "x,y,label\n", "line 1: no data rows after the header");
        Path p = write("col.csv", "1,2,0\n");
        assertThatThrownBy(() -> Csv.read(p, new Csv.Layout(Csv.Header.NONE, 5)))
                .hasMessageContaining("label column 5 does not exist: the line has 3 columns");
        assertThatThrownBy(() -> Csv.read(tmp.resolve("missing.csv"), Csv.Layout.DEFAULT))
                .hasMessageContaining("CSV file not found")
                .hasMessageContaining("missing.csv");
        Path latin = tmp.resolve("latin.csv");
        Files.write(latin, new byte[] {'x', (byte) 0xe9, ',', 'y', '\n', '1', ',', '0', '\n'});
        assertThatThrownBy(() -> Csv.read(latin, Csv.Layout.DEFAULT)).hasMessageContaining("not UTF-8");
    }

    private void expect(String name, String text, String message) throws IOException {
        Path p = write(name, text);
        assertThatThrownBy(() -> Csv.read(p, Csv.Layout.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(p + ": " + message);
    }
}
