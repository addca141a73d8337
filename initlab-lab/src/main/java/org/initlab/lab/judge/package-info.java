/**
 * Verdicts on claims: {@link org.initlab.lab.judge.Estimate} (a figure across seeds with its 95%
 * interval), {@link org.initlab.lab.judge.Criterion} (a figure against a named threshold, with the
 * threshold's reason and source), {@link org.initlab.lab.judge.Check} and
 * {@link org.initlab.lab.judge.Verdict}: supported, not supported or inconclusive. Everything here
 * is a pure function of numbers; nothing formats a report.
 */
package org.initlab.lab.judge;
