package org.initlab.lab.plan;

import org.initlab.nn.InitPlan;
import org.initlab.nn.Sequential;

/**
 * An initialization recipe that depends on the model it initializes (its depth, which weights
 * write into the residual stream, its embedding widths): a record whose components are its whole
 * configuration and whose spec string ({@code gpt2(std=0.02)}) names it in {@link Plans}. It
 * becomes an {@link InitPlan} of exact-path rules for one model.
 */
public sealed interface ModelPlan permits Gpt2Scaling, DeepNorm, TFixup, SmallEmbedding {

    /**
     * The plan for {@code model}.
     *
     * @throws IllegalArgumentException when the model lacks what the recipe needs (residual
     *     blocks, a depth), saying what it has
     */
    InitPlan plan(Sequential model);
}
