package org.initlab.io.pretrained;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A load refused before any parameter was written: the state dict does not fit the model. The
 * first line of the message names every problem (so a command line that shows one line shows
 * them all); each problem follows on its own line. Bad input, hence an
 * {@link IllegalArgumentException}.
 */
public final class PretrainedLoadException extends IllegalArgumentException {
    private final transient List<LoadProblem> problems;

    /** @param problems at least one */
    public PretrainedLoadException(boolean strict, List<LoadProblem> problems) {
        super(message(strict, problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem that stopped the load, in the order found. */
    public List<LoadProblem> problems() {
        return problems;
    }

    private static String message(boolean strict, List<LoadProblem> problems) {
        String head = "pretrained weights do not fit the model (" + (strict ? "strict" : "non-strict") + " load, "
                + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "; nothing was changed): ";
        return head
                + problems.stream().map(LoadProblem::describe).collect(Collectors.joining("; "))
                + problems.stream().map(p -> "\n  " + p.describe()).collect(Collectors.joining());
    }
}
