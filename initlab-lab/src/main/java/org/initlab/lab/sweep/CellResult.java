package org.initlab.lab.sweep;

/**
 * What one cell's training gave for one seed.
 *
 * @param cell the grid point
 * @param seed the seed (initialization and data order)
 * @param checkpoints the steps at which training accuracy was read (a quarter, half and all of the steps)
 * @param trainAccuracy training accuracy (on at most {@link CellTraining#EVAL_EXAMPLES} training
 *     examples) at each checkpoint; NaN from the checkpoint where the run diverged
 * @param testAccuracy test accuracy after the last step (NaN if it diverged)
 * @param divergedAtStep the 1-based step whose loss was not finite, or 0
 */
public record CellResult(Cell cell, long seed, int[] checkpoints, double[] trainAccuracy, double testAccuracy,
        int divergedAtStep) {
    /** The training accuracy after the last step. */
    public double finalTrainAccuracy() {
        return trainAccuracy[trainAccuracy.length - 1];
    }
}
