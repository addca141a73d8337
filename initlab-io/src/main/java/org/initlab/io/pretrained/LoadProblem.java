package org.initlab.io.pretrained;

import java.util.List;

/**
 * One way a state dict does not fit a model. {@link #describe()} is one line naming the key or
 * path, what was found and what was expected. Shapes are lists of dimensions as the file or the
 * model has them.
 */
public sealed interface LoadProblem {

    /**
     * Whether this problem stops a non-strict load too. Missing parameters, unexpected keys and
     * shape mismatches do not (non-strict mode skips them); name collisions, non-finite values and
     * a load that would load nothing do. Every problem stops a strict load.
     */
    boolean stopsNonStrictLoad();

    /** One line for people. */
    String describe();

    /** A model parameter that no file key maps to; non-strict mode leaves it to the init plan. */
    record Missing(String path, List<Integer> shape) implements LoadProblem {
        @Override
        public boolean stopsNonStrictLoad() {
            return false;
        }

        @Override
        public String describe() {
            return "missing " + path + " " + shape;
        }
    }

    /**
     * A file key whose (mapped) name is no parameter of the model; non-strict mode skips it.
     *
     * @param mappedPath the path the key was mapped to (equal to {@code key} when no rule matched)
     */
    record Unexpected(String key, String mappedPath, List<Integer> shape) implements LoadProblem {
        @Override
        public boolean stopsNonStrictLoad() {
            return false;
        }

        @Override
        public String describe() {
            return "unexpected " + key + (key.equals(mappedPath) ? "" : " (mapped to " + mappedPath + ")") + " "
                    + shape;
        }
    }

    /**
     * A file array whose shape, after the layout transform, differs from its parameter's; non-strict
     * mode skips it and leaves the parameter to the init plan.
     *
     * @param fileShape the shape in the file
     * @param arrangedShape the shape after the layout transform (equal to {@code fileShape} when none applies)
     * @param modelShape the parameter's shape
     */
    record ShapeMismatch(
            String key, String path, List<Integer> fileShape, List<Integer> arrangedShape, List<Integer> modelShape)
            implements LoadProblem {
        @Override
        public boolean stopsNonStrictLoad() {
            return false;
        }

        @Override
        public String describe() {
            return "shape mismatch " + key + (key.equals(path) ? "" : " -> " + path) + ": file " + fileShape
                    + (arrangedShape.equals(fileShape) ? "" : " (rearranged " + arrangedShape + ")") + ", model "
                    + modelShape;
        }
    }

    /** Several file keys that map to the same model path: which one to load is ambiguous. */
    record NameCollision(String path, List<String> keys) implements LoadProblem {
        @Override
        public boolean stopsNonStrictLoad() {
            return true;
        }

        @Override
        public String describe() {
            return "name collision: keys " + String.join(", ", keys) + " all map to " + path;
        }
    }

    /**
     * A NaN or infinite value in a file array, or a finite F64 beyond the float range. Reported for
     * the first such element, with the count of all of them in the array.
     *
     * @param position the element's multi-index in the file's shape
     * @param index the element's row-major index
     * @param value the value as the file holds it ({@code NaN}, {@code Infinity}, {@code 1.0E300})
     * @param count how many elements of the array are not finite floats
     */
    record NonFinite(String key, List<Integer> position, long index, String value, long count) implements LoadProblem {
        @Override
        public boolean stopsNonStrictLoad() {
            return true;
        }

        @Override
        public String describe() {
            return "non-finite value in " + key + ": element " + position + " (index " + index + ") is " + value
                    + (count > 1 ? "; " + count + " elements are not finite floats" : "");
        }
    }

    /**
     * A non-strict load that would load no array at all, which is almost surely a wrong file or a
     * missing name mapping.
     *
     * @param firstKey the file's first key, or {@code null} when the file is empty
     * @param firstPath the model's first parameter path
     */
    record NothingLoaded(int keys, int parameters, String firstKey, String firstPath) implements LoadProblem {
        @Override
        public boolean stopsNonStrictLoad() {
            return true;
        }

        @Override
        public String describe() {
            return "no array of the file fits the model (" + keys + " keys"
                    + (firstKey == null ? "" : ", the first '" + firstKey + "'") + "; " + parameters
                    + " parameters, the first '" + firstPath + "'); check the file, the name mapping and the layout";
        }
    }
}
