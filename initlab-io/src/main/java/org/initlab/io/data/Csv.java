package org.initlab.io.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.initlab.core.shape.Allocation;
import org.initlab.nn.Dataset;
import org.initlab.nn.Tensor;

/**
 * Reads a dataset from a CSV file (UTF-8, gzipped or not: a file starting with the gzip magic
 * {@code 1f 8b} is decompressed on the fly): one example per line, fields separated by commas,
 * every field a decimal number, one column holding the label: a class (a non-negative integer)
 * or, for a regression ({@link Task}), a real target. No quoting. Features become
 * {@code [n, columns - 1]} floats in the file's column order without the label column; labels
 * {@code [0, classes)}, or targets {@code [n, 1]} when any label is not a non-negative integer
 * (or {@code task=regression}).
 *
 * <p>The first line can be:
 * <ul>
 *   <li>{@link Header#NONE}: data (scikit-learn's {@code digits.csv.gz}: 64 pixel columns, then
 *       the label). Classes: the largest label plus one, refused above both the row count and
 *       {@link #MAX_CLASSES}.</li>
 *   <li>{@link Header#NAMES}: column names, kept in {@link Table#columnNames()}. Classes as for
 *       NONE.</li>
 *   <li>{@link Header#SKLEARN}: scikit-learn's metadata line {@code n,d,name_0,name_1,...}
 *       ({@code iris.csv}: {@code 150,4,setosa,versicolor,virginica}): the row count and feature
 *       count, which are checked, then the class names, whose number is the class count.</li>
 *   <li>{@link Header#AUTO}: SKLEARN when the first two fields of the first line are
 *       non-negative integers and none of the others is a number; NAMES when none of its fields
 *       is a number; NONE otherwise (so a typo in a first data line is reported as such).</li>
 * </ul>
 * Blank lines at the end are ignored; anywhere else they are an error.
 *
 * <p>Errors: a malformed file throws {@link IllegalArgumentException} saying
 * {@code FILE: line L, column C: reason} (lines and columns counted from 1), with the field as
 * read. Allocation: the values are gathered in a growing float buffer, then copied once into
 * the features; the file is read line by line.
 */
public final class Csv {
    /** What the first line holds; see the class documentation. */
    public enum Header {
        AUTO,
        NONE,
        NAMES,
        SKLEARN
    }

    /**
     * What the label column holds: {@code CLASSIFICATION} non-negative integer class labels,
     * {@code REGRESSION} real numbers (targets {@code [n, 1]}, mean squared error), {@code AUTO}
     * classification when every label is a non-negative integer and regression otherwise.
     */
    public enum Task {
        AUTO,
        CLASSIFICATION,
        REGRESSION
    }

    /**
     * How to read a file.
     *
     * @param header what the first line holds
     * @param labelColumn the label's column, from 0; negative counts from the end ({@code -1}: the last)
     * @param task what the label column holds
     */
    public record Layout(Header header, int labelColumn, Task task) {
        /** The header detected, the label in the last column: the layout of digits and iris. */
        public static final Layout DEFAULT = new Layout(Header.AUTO, -1);

        public Layout {
            java.util.Objects.requireNonNull(header, "header");
            java.util.Objects.requireNonNull(task, "task");
        }

        /** The task told from the labels ({@link Task#AUTO}). */
        public Layout(Header header, int labelColumn) {
            this(header, labelColumn, Task.AUTO);
        }
    }

    /**
     * A read file.
     *
     * @param dataset features {@code [n, d]} and labels
     * @param columnNames the header's names of all columns (label column included) for
     *     {@link Header#NAMES}, else empty
     * @param classNames the class names of a {@link Header#SKLEARN} header, else empty
     */
    public record Table(Dataset dataset, List<String> columnNames, List<String> classNames) {
        public Table {
            columnNames = List.copyOf(columnNames);
            classNames = List.copyOf(classNames);
        }
    }

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern COUNT = Pattern.compile("\\d{1,9}");

    /**
     * The most classes a file may imply (largest label plus one) without having as many rows: a
     * larger label in a small file is taken for a mistake, as it would make the output layer of
     * every model trained on it that wide (1000: ImageNet's class count).
     */
    public static final int MAX_CLASSES = 1000;

    private Csv() {}

    /** Reads {@code file} with {@code layout}; the dataset is named after the file. */
    public static Table read(Path file, Layout layout) {
        return read(String.valueOf(file.getFileName()), file, layout);
    }

    /**
     * Reads {@code file} with {@code layout} into a dataset called {@code name}.
     *
     * @throws IllegalArgumentException if the file is missing or malformed, naming the file, the
     *     line, the column and the reason
     */
    public static Table read(String name, Path file, Layout layout) {
        return read(name, new StoredFile.Disk(file), layout);
    }

    /** As {@link #read(String, Path, Layout)}, from a file on disk or embedded. */
    public static Table read(String name, StoredFile file, Layout layout) {
        try (InputStream raw = new BufferedInputStream(file.open())) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
                var decoder = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
                return new Reader(name, file, layout).read(new BufferedReader(new InputStreamReader(in, decoder)));
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException(file + ": not UTF-8 text: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        file + ": " + (gzip ? "corrupt gzip stream: " : "") + e.getMessage(), e);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("CSV file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The state of one read. */
    private static final class Reader {
        private final String name;
        private final StoredFile file;
        private final Layout layout;
        private float[] values = new float[1024];
        private int filled;
        private final List<Integer> labels = new ArrayList<>();
        private float[] targets = new float[1024];
        private boolean integral = true;
        private int columns = -1;
        private int columnsLine;
        private int label;

        Reader(String name, StoredFile file, Layout layout) {
            this.name = name;
            this.file = file;
            this.layout = layout;
        }

        Table read(BufferedReader in) throws IOException {
            String first = in.readLine();
            if (first == null) {
                throw fail(1, 0, "empty file: no data rows");
            }
            String[] head = fields(first);
            Header header = layout.header() == Header.AUTO ? detect(head) : layout.header();
            List<String> columnNames = List.of();
            List<String> classNames = List.of();
            int lineNo = 1;
            if (header == Header.NONE) {
                row(head, 1);
            } else if (header == Header.NAMES) {
                columnNames = Arrays.stream(head).map(String::strip).toList();
                setColumns(head.length, 1);
            } else {
                classNames = sklearnClassNames(head);
            }
            int blankSince = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    blankSince = blankSince == 0 ? lineNo : blankSince;
                    continue;
                }
                if (blankSince != 0) {
                    throw fail(blankSince, 0, "empty line before more data (line " + lineNo + ")");
                }
                row(fields(line), lineNo);
            }
            int n = labels.size();
            if (n == 0) {
                throw fail(lineNo, 0, "no data rows after the header");
            }
            int classes = 0;
            if (header == Header.SKLEARN && integral && layout.task() != Task.REGRESSION) {
                checkSklearnCounts(head, n);
                classes = classNames.size();
                for (int i = 0; i < n; i++) {
                    if (labels.get(i) >= classes) {
                        throw fail(
                                rowLine(i, header),
                                label + 1,
                                "label " + labels.get(i) + " but the header names " + classes + " classes "
                                        + classNames);
                    }
                }
            } else if (integral && layout.task() != Task.REGRESSION) {
                int largest = 0;
                for (int i = 0; i < n; i++) {
                    if (labels.get(i) > labels.get(largest)) {
                        largest = i;
                    }
                }
                classes = labels.get(largest) + 1;
                if (classes > Math.max(n, MAX_CLASSES)) {
                    throw fail(
                            rowLine(largest, header),
                            label + 1,
                            "label " + labels.get(largest) + " would make "
                                    + classes + " classes, more than the " + n + " rows of the file and than the "
                                    + MAX_CLASSES
                                    + " classes accepted without as many rows; labels are class indices 0, 1, ...");
                }
            }
            int d = columns - 1;
            if (layout.task() == Task.REGRESSION || !integral) {
                if (header == Header.SKLEARN) {
                    throw fail(
                            rowLine(0, header),
                            label + 1,
                            "the header names classes, but the labels are not all"
                                    + " non-negative integers; use task=classification to see the first wrong one");
                }
                return new Table(
                        new Dataset(
                                name,
                                new Tensor(Arrays.copyOf(values, filled), n, d),
                                new Tensor(Arrays.copyOf(targets, n), n, 1)),
                        columnNames,
                        classNames);
            }
            int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
            return new Table(
                    new Dataset(name, new Tensor(Arrays.copyOf(values, filled), n, d), y, classes),
                    columnNames,
                    classNames);
        }

        /** Keeps a label: as a class when the task allows it, and always as a real target. */
        private void label(String v, int lineNo, int c) {
            boolean count = COUNT.matcher(v).matches();
            if (!count && layout.task() == Task.CLASSIFICATION) {
                throw fail(lineNo, c + 1, "the label must be a non-negative integer, got '" + v + "'");
            }
            if (!count && !NUMBER.matcher(v).matches()) {
                throw fail(
                        lineNo,
                        c + 1,
                        "the label must be a number (a class 0, 1, ... or a real target), got '" + v + "'");
            }
            float t = Float.parseFloat(v);
            if (!Float.isFinite(t)) {
                throw fail(lineNo, c + 1, "'" + v + "' overflows a float");
            }
            int n = labels.size();
            if (n == targets.length) {
                targets = Arrays.copyOf(targets, 2 * n);
            }
            targets[n] = t;
            integral &= count;
            labels.add(count ? Integer.parseInt(v) : -1);
        }

        private static int rowLine(int index, Header header) {
            return header == Header.NONE ? index + 1 : index + 2;
        }

        private Header detect(String[] head) {
            boolean sklearn = head.length >= 3
                    && COUNT.matcher(head[0].strip()).matches()
                    && COUNT.matcher(head[1].strip()).matches();
            for (int c = 2; c < head.length && sklearn; c++) {
                sklearn = !NUMBER.matcher(head[c].strip()).matches();
            }
            if (sklearn) {
                return Header.SKLEARN;
            }
            boolean noNumber =
                    Arrays.stream(head).noneMatch(f -> NUMBER.matcher(f.strip()).matches());
            return noNumber ? Header.NAMES : Header.NONE;
        }

        private List<String> sklearnClassNames(String[] head) {
            if (head.length < 3) {
                throw fail(
                        1,
                        0,
                        "a scikit-learn header needs n_samples,n_features,class names...; got " + head.length
                                + " field(s)");
            }
            for (int c = 0; c < 2; c++) {
                if (!COUNT.matcher(head[c].strip()).matches()) {
                    throw fail(
                            1,
                            c + 1,
                            "the scikit-learn header's " + (c == 0 ? "sample" : "feature")
                                    + " count must be a non-negative integer, got '" + head[c].strip() + "'");
                }
            }
            return Arrays.stream(head, 2, head.length).map(String::strip).toList();
        }

        private void checkSklearnCounts(String[] head, int n) {
            int declared = Integer.parseInt(head[0].strip());
            int features = Integer.parseInt(head[1].strip());
            if (declared != n) {
                throw fail(1, 1, "the header announces " + declared + " rows, the file has " + n);
            }
            if (features != columns - 1) {
                throw fail(
                        1,
                        2,
                        "the header announces " + features + " features, the rows have " + (columns - 1)
                                + " besides the label");
            }
        }

        private void setColumns(int count, int lineNo) {
            if (count < 2) {
                throw fail(lineNo, 0, count + " column(s); need at least one feature and the label");
            }
            int c = layout.labelColumn() < 0 ? count + layout.labelColumn() : layout.labelColumn();
            if (c < 0 || c >= count) {
                throw fail(
                        lineNo,
                        0,
                        "label column " + layout.labelColumn() + " does not exist: the line has " + count + " columns");
            }
            columns = count;
            columnsLine = lineNo;
            label = c;
        }

        private void row(String[] f, int lineNo) {
            if (columns < 0) {
                setColumns(f.length, lineNo);
            } else if (f.length != columns) {
                throw fail(lineNo, 0, f.length + " columns, expected " + columns + " like line " + columnsLine);
            }
            if ((long) filled + columns > values.length) {
                long grown = Math.max(2L * values.length, (long) filled + columns);
                if ((long) filled + columns > Allocation.MAX_ARRAY) {
                    throw fail(lineNo, 0, "more values than a Java array holds (" + Allocation.MAX_ARRAY + ")");
                }
                values = Arrays.copyOf(values, (int) Math.min(grown, Allocation.MAX_ARRAY));
            }
            for (int c = 0; c < columns; c++) {
                String v = f[c].strip();
                if (c == label) {
                    label(v, lineNo, c);
                    continue;
                }
                if (!NUMBER.matcher(v).matches()) {
                    throw fail(lineNo, c + 1, v.isEmpty() ? "empty field" : "not a number: '" + v + "'");
                }
                float x = Float.parseFloat(v);
                if (!Float.isFinite(x)) {
                    throw fail(lineNo, c + 1, "'" + v + "' overflows a float");
                }
                values[filled++] = x;
            }
        }

        private static String[] fields(String line) {
            return line.split(",", -1);
        }

        private IllegalArgumentException fail(int line, int column, String reason) {
            return new IllegalArgumentException(
                    file + ": line " + line + (column > 0 ? ", column " + column : "") + ": " + reason);
        }
    }
}
