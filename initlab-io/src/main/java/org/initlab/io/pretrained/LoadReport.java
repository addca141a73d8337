package org.initlab.io.pretrained;

import java.util.ArrayList;
import java.util.List;
import org.initlab.io.DType;
import org.initlab.io.pretrained.LoadProblem.Missing;
import org.initlab.io.pretrained.LoadProblem.ShapeMismatch;
import org.initlab.io.pretrained.LoadProblem.Unexpected;

/**
 * What a load did: the arrays loaded, and what a non-strict load skipped. Parameters in
 * {@link #missing} and {@link #mismatched} kept their values (or got the init plan's, with
 * {@link Pretrained#initialize}); keys in {@link #unexpected} and {@link #mismatched} were not read
 * into the model. A strict load that returns has all three lists empty.
 *
 * @param loaded the arrays written into the model, in file order
 * @param missing model parameters no file key maps to, in model order
 * @param unexpected file keys that map to no model parameter, in file order
 * @param mismatched file keys whose shape does not fit their parameter, in file order
 */
public record LoadReport(
        List<Loaded> loaded, List<Missing> missing, List<Unexpected> unexpected, List<ShapeMismatch> mismatched) {

    /**
     * One array written into the model.
     *
     * @param key the file key
     * @param path the parameter it was written to
     * @param dtype the file's element type (converted to float)
     * @param fileShape the shape in the file
     * @param rearranged whether the layout transform permuted its axes
     */
    public record Loaded(String key, String path, DType dtype, List<Integer> fileShape, boolean rearranged) {}

    /**
     * One line of a table of the report.
     *
     * @param status {@code loaded}, {@code missing}, {@code unexpected} or {@code shape mismatch}
     * @param key the file key, or {@code ""} for a missing parameter
     * @param path the model path, or {@code ""} for an unexpected key
     * @param detail shapes and what happened
     */
    public record Row(String status, String key, String path, String detail) {}

    public LoadReport {
        loaded = List.copyOf(loaded);
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        mismatched = List.copyOf(mismatched);
    }

    /** The paths of the loaded parameters, in file order. */
    public List<String> loadedPaths() {
        return loaded.stream().map(Loaded::path).toList();
    }

    /** The paths of the parameters not loaded: the missing ones, then the mismatched ones. */
    public List<String> notLoadedPaths() {
        List<String> paths = new ArrayList<>();
        missing.forEach(m -> paths.add(m.path()));
        mismatched.forEach(m -> paths.add(m.path()));
        return List.copyOf(paths);
    }

    /** Whether every parameter was loaded and every key used. */
    public boolean complete() {
        return missing.isEmpty() && unexpected.isEmpty() && mismatched.isEmpty();
    }

    /** One line: {@code loaded 4 arrays; 2 parameters left to the init plan (1 missing, 1 shape mismatch); 1 unexpected key skipped}. */
    public String summary() {
        StringBuilder s = new StringBuilder("loaded " + loaded.size() + (loaded.size() == 1 ? " array" : " arrays"));
        int left = missing.size() + mismatched.size();
        if (left > 0) {
            s.append("; ")
                    .append(left)
                    .append(left == 1 ? " parameter" : " parameters")
                    .append(" left to the init plan (")
                    .append(missing.size())
                    .append(" missing, ")
                    .append(mismatched.size())
                    .append(" shape mismatch")
                    .append(mismatched.size() == 1 ? "" : "es")
                    .append(')');
        }
        if (!unexpected.isEmpty()) {
            s.append("; ")
                    .append(unexpected.size())
                    .append(unexpected.size() == 1 ? " unexpected key" : " unexpected keys")
                    .append(" skipped");
        }
        return s.toString();
    }

    /** One row per loaded array, missing parameter, unexpected key and mismatch, in that order. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Loaded l : loaded) {
            rows.add(new Row(
                    "loaded",
                    l.key(),
                    l.path(),
                    l.dtype() + " " + l.fileShape() + (l.rearranged() ? ", axes rearranged" : "")));
        }
        for (Missing m : missing) {
            rows.add(new Row("missing", "", m.path(), "model " + m.shape() + ", left to the init plan"));
        }
        for (Unexpected u : unexpected) {
            rows.add(new Row(
                    "unexpected",
                    u.key(),
                    "",
                    "file " + u.shape() + (u.key().equals(u.mappedPath()) ? "" : ", mapped to " + u.mappedPath())
                            + ", skipped"));
        }
        for (ShapeMismatch m : mismatched) {
            rows.add(new Row(
                    "shape mismatch",
                    m.key(),
                    m.path(),
                    "file " + m.fileShape()
                            + (m.arrangedShape().equals(m.fileShape()) ? "" : " (rearranged " + m.arrangedShape() + ")")
                            + ", model " + m.modelShape() + ", left to the init plan"));
        }
        return List.copyOf(rows);
    }

    /** The summary, then one line per row. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(summary());
        for (Row r : rows()) {
            s.append('\n')
                    .append(r.status())
                    .append("  ")
                    .append(r.key().isEmpty() ? "-" : r.key())
                    .append("  ")
                    .append(r.path().isEmpty() ? "-" : r.path())
                    .append("  ")
                    .append(r.detail());
        }
        return s.toString();
    }
}
