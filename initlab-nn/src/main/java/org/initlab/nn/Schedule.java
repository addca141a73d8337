package org.initlab.nn;

/**
 * Learning-rate schedules: the factor that multiplies the base learning rate at step
 * {@code t} (0-based) of {@code total}.
 */
public sealed interface Schedule {
    /** The multiplier at step {@code t}. */
    double factor(long t);

    /** Always 1. */
    record Constant() implements Schedule {
        @Override
        public double factor(long t) {
            return 1;
        }
    }

    /** {@code gamma^floor(t / every)} (PyTorch's StepLR). */
    record Step(long every, double gamma) implements Schedule {
        public Step {
            if (every < 1 || !(gamma > 0)) {
                throw new IllegalArgumentException(
                        "step schedule: every >= 1 and gamma > 0, got " + every + ", " + gamma);
            }
        }

        @Override
        public double factor(long t) {
            return Math.pow(gamma, (double) Math.floorDiv(t, every)); // whole periods: the rate drops in steps
        }
    }

    /**
     * {@code min + (1 - min)(1 + cos(π t / total)) / 2} for {@code t <= total}, then {@code min}
     * (Loshchilov and Hutter 2017, SGDR, without restarts).
     */
    record Cosine(long total, double min) implements Schedule {
        public Cosine {
            if (total < 1 || !(min >= 0 && min <= 1)) {
                throw new IllegalArgumentException(
                        "cosine schedule: total >= 1 and 0 <= min <= 1, got " + total + ", " + min);
            }
        }

        @Override
        public double factor(long t) {
            return t >= total ? min : min + (1 - min) * (1 + Math.cos(Math.PI * t / total)) / 2;
        }
    }

    /** Linear warm-up from {@code 1/steps} to 1 over {@code steps} steps, then {@code after} shifted by them. */
    record WarmUp(long steps, Schedule after) implements Schedule {
        public WarmUp {
            if (steps < 1) {
                throw new IllegalArgumentException("warm-up needs steps >= 1, got " + steps);
            }
        }

        @Override
        public double factor(long t) {
            return t < steps ? (double) (t + 1) / steps : after.factor(t - steps);
        }
    }
}
