package org.initlab.lab.judge;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A judge's answer on a claim: the finding and the checks behind it (each criterion with the figure
 * it saw). The finding is the conjunction of the checks' ({@link Finding#all}).
 *
 * @param finding supported, not supported or inconclusive
 * @param checks the criteria as applied, in the order the judge states them
 */
public record Verdict(Finding finding, List<Check> checks) {
    public Verdict {
        checks = List.copyOf(checks);
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("a verdict needs at least one check");
        }
        if (finding != Finding.all(checks.stream().map(Check::finding).toList())) {
            throw new IllegalArgumentException("finding " + finding + " does not follow from the checks");
        }
    }

    /** The verdict of {@code checks}. */
    public static Verdict of(List<Check> checks) {
        return new Verdict(Finding.all(checks.stream().map(Check::finding).toList()), checks);
    }

    /** The verdict of {@code checks}. */
    public static Verdict of(Check... checks) {
        return of(List.of(checks));
    }

    /** The checks that decided: those with the verdict's finding (all of them when supported). */
    public List<Check> deciding() {
        return checks.stream().filter(c -> c.finding() == finding).toList();
    }

    /**
     * One line: when supported, the finding and how many criteria were met; otherwise the finding and
     * the lines of the checks that decided it.
     */
    public String summary() {
        if (finding == Finding.SUPPORTED) {
            return checks.size() == 1
                    ? finding.label() + ": " + checks.get(0).line()
                    : finding.label() + ": all " + checks.size() + " criteria met";
        }
        return finding.label() + ": " + deciding().stream().map(Check::line).collect(Collectors.joining("; "));
    }
}
