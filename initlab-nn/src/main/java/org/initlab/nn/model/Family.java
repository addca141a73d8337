package org.initlab.nn.model;

import java.util.ArrayList;
import java.util.List;
import org.initlab.core.gain.Activation;
import org.initlab.nn.model.LayerSpec.Activate;
import org.initlab.nn.model.LayerSpec.Cell;
import org.initlab.nn.model.LayerSpec.Conv2d;
import org.initlab.nn.model.LayerSpec.Dense;
import org.initlab.nn.model.LayerSpec.Flatten;
import org.initlab.nn.model.LayerSpec.LastStep;
import org.initlab.nn.model.LayerSpec.MaxPool;
import org.initlab.nn.model.LayerSpec.PerStep;
import org.initlab.nn.model.LayerSpec.Recurrent;
import org.initlab.nn.model.LayerSpec.Residual;
import org.initlab.nn.model.LayerSpec.Seq;

/**
 * The six short names, each a record whose {@link #expand()} is a {@code seq(...)} of the
 * language. Their parameter paths are those of the expansion ({@code "0.weight"}, {@code "7.weight"}
 * in {@code cnn}, {@code "K.alpha"} in {@code resmlp}), fixed because experiments, golden files
 * and documents name them.
 */
public sealed interface Family extends LayerSpec {
    /** The same model written in the language. */
    Seq expand();

    /**
     * {@code mlp(IN, [H1, H2, ...], OUT, act=relu)}: dense layers with {@code act} between them and
     * none after the last (its outputs are logits); dense layers at paths 0, 2, 4, ...
     */
    record Mlp(int in, List<Integer> hidden, int out, Activation act) implements Family {
        public Mlp {
            hidden = List.copyOf(hidden);
            for (int size : List.of(in, out)) {
                if (size < 1) {
                    throw new IllegalArgumentException("mlp: sizes must be positive, got in=" + in + ", out=" + out);
                }
            }
            if (hidden.stream().anyMatch(h -> h < 1)) {
                throw new IllegalArgumentException("mlp: sizes must be positive, got hidden=" + hidden);
            }
        }

        @Override
        public Seq expand() {
            List<LayerSpec> layers = new ArrayList<>();
            int width = in;
            for (int h : hidden) {
                layers.add(new Dense(width, h));
                layers.add(new Activate(act, Double.NaN));
                width = h;
            }
            layers.add(new Dense(width, out));
            return new Seq(layers, List.of(in));
        }
    }

    /**
     * {@code resmlp(IN, WIDTH, BLOCKS, OUT, act=relu, scale=false)}: {@code Dense(IN, WIDTH)}, act,
     * then BLOCKS blocks {@code residual(seq(dense, act, dense), scale)} each followed by act, then
     * {@code Dense(WIDTH, OUT)}; with {@code scale=true} each block has the trainable {@code K.alpha}.
     */
    record ResMlp(int in, int width, int blocks, int out, Activation act, boolean scale) implements Family {
        public ResMlp {
            if (in < 1 || width < 1 || out < 1 || blocks < 0) {
                throw new IllegalArgumentException("resmlp: sizes must be positive (blocks >= 0), got in=" + in
                        + ", width=" + width + ", blocks=" + blocks + ", out=" + out);
            }
        }

        @Override
        public Seq expand() {
            List<LayerSpec> layers = new ArrayList<>();
            layers.add(new Dense(in, width));
            layers.add(new Activate(act, Double.NaN));
            for (int b = 0; b < blocks; b++) {
                layers.add(new Residual(
                        new Seq(
                                List.of(
                                        new Dense(width, width),
                                        new Activate(act, Double.NaN),
                                        new Dense(width, width)),
                                List.of()),
                        scale));
                layers.add(new Activate(act, Double.NaN));
            }
            layers.add(new Dense(width, out));
            return new Seq(layers, List.of(in));
        }
    }

    /**
     * {@code cnn(C, H, W, CLASSES)}: the LeNet-style network {@code conv2d(C,8,3,pad=1), relu,
     * maxpool(2), conv2d(8,16,3,pad=1), relu, maxpool(2), flatten, dense(64), relu, dense(CLASSES)}
     * on {@code input=[C,H,W]}; convolutions at paths 0 and 3, dense layers at 7 and 9.
     * {@code cnn(1,28,28,10)} has 52,138 parameters.
     */
    record Cnn(int channels, int height, int width, int classes) implements Family {
        public Cnn {
            if (channels < 1 || classes < 1 || height < 4 || width < 4) {
                throw new IllegalArgumentException("cnn: channels and classes must be >= 1 and H, W >= 4 (two 2×2"
                        + " poolings), got C=" + channels + ", H=" + height + ", W=" + width + ", CLASSES=" + classes);
            }
        }

        @Override
        public Seq expand() {
            Activate relu = new Activate(Activation.RELU, Double.NaN);
            return new Seq(
                    List.of(
                            new Conv2d(channels, 8, 3, 1, 1, 1),
                            relu,
                            new MaxPool(2, 2),
                            new Conv2d(8, 16, 3, 1, 1, 1),
                            relu,
                            new MaxPool(2, 2),
                            new Flatten(),
                            new Dense(16 * (height / 4) * (width / 4), 64),
                            relu,
                            new Dense(64, classes)),
                    List.of(channels, height, width));
        }
    }

    /** Where a recurrent family's head reads: the last step only, or every step. */
    enum Steps {
        LAST,
        ALL
    }

    /**
     * {@code rnn(IN, HIDDEN, OUT)}, {@code lstm(...)}, {@code gru(...)}: the recurrent layer (path 0)
     * over {@code [T, IN]}, {@code last_step} and {@code dense(HIDDEN, OUT)} (path 2); with
     * {@code steps=all}, {@code per_step(dense(HIDDEN, OUT))} (path 1) for an output per step.
     */
    record RecurrentNet(Cell cell, int in, int hidden, int out, Steps steps) implements Family {
        public RecurrentNet {
            if (in < 1 || hidden < 1 || out < 1) {
                throw new IllegalArgumentException(cell.name().toLowerCase(java.util.Locale.ROOT)
                        + ": sizes must be positive, got in=" + in + ", hidden=" + hidden + ", out=" + out);
            }
        }

        @Override
        public Seq expand() {
            Recurrent layer = new Recurrent(cell, in, hidden);
            if (steps == Steps.ALL) {
                return new Seq(List.of(layer, new PerStep(new Dense(hidden, out))), List.of());
            }
            return new Seq(List.of(layer, new LastStep(), new Dense(hidden, out)), List.of());
        }
    }
}
