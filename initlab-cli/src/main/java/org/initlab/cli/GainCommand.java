package org.initlab.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.initlab.core.gain.GainReport;
import org.initlab.core.gain.Gains;
import org.initlab.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code initlab gain ACTIVATION}: PyTorch's gain and the computed variance-preserving gain. */
@Command(
        name = "gain",
        mixinStandardHelpOptions = true,
        description = {
            "Print the gain of an activation: PyTorch's calculate_gain and the variance-preserving one.",
            "The variance-preserving gain is 1/sqrt(E[phi(z)^2]), z ~ N(0, 1), computed by quadrature for any"
                    + " activation."
        })
final class GainCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "ACTIVATION",
            description =
                    "linear, sigmoid, tanh, relu, leaky_relu, elu, selu, gelu, gelu_tanh, silu, softplus, mish, softsign, hard_tanh, relu6.")
    String activation;

    @Option(
            names = {"--slope", "--param"},
            description = "The activation's parameter: leaky_relu's negative slope, elu's alpha.")
    Double param;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        GainReport r = Gains.report(activation, param == null ? Double.NaN : param);
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("activation", r.activation());
            doc.put("param", Double.isNaN(r.param()) ? null : r.param());
            doc.put("pytorch_gain", Double.isNaN(r.torchGain()) ? null : r.torchGain());
            doc.put("variance_preserving_gain", r.variancePreservingGain());
            doc.put("second_moment", r.secondMoment());
            out.println(Json.write(doc));
            return 0;
        }
        out.println(r.activation() + (Double.isNaN(r.param()) ? "" : " (param " + Format.num(r.param()) + ")"));
        new Table("quantity", "value")
                .row("pytorch_gain", Double.isNaN(r.torchGain()) ? "not in PyTorch's table" : Format.num(r.torchGain()))
                .row("variance_preserving_gain", Format.num(r.variancePreservingGain()))
                .row("second_moment E[phi(z)^2]", Format.num(r.secondMoment()))
                .print(out);
        out.println("He/Kaiming with nonlinearity=" + r.activation() + " uses "
                + (Double.isNaN(r.torchGain()) ? "the variance-preserving gain." : "PyTorch's gain."));
        return 0;
    }
}
