package org.initlab.lab.advisor;

import java.util.List;
import org.initlab.nn.InitPlan;

/**
 * The advisor's answer for a model: the plan to initialize it with, the advice per parameter
 * (initializer and reason), and notes on the model as a whole (residual scheme, recurrent gates).
 */
public record Advice(InitPlan plan, List<ParameterAdvice> parameters, List<String> notes) {
    public Advice {
        parameters = List.copyOf(parameters);
        notes = List.copyOf(notes);
    }
}
