package org.initlab.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.initlab.core.init.Target;
import org.initlab.core.shape.Fans;
import org.initlab.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code initlab fans}: fan_in, fan_out and receptive field of a weight tensor. */
@Command(
        name = "fans",
        mixinStandardHelpOptions = true,
        description = {
            "Print fan_in, fan_out and the receptive field of a weight tensor.",
            "Grouped and transposed convolutions are counted correctly, next to what PyTorch computes."
        })
final class FansCommand implements Callable<Integer> {
    @Mixin
    TensorOptions tensor;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Target t = tensor.target();
        Fans f = t.fans();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("shape", java.util.Arrays.stream(t.shape().dims()).boxed().toList());
        doc.put("layout", t.layout().specName());
        doc.put("groups", t.groups());
        doc.put("transposed", t.transposed());
        doc.put("fan_in", f.fanIn());
        doc.put("fan_out", f.fanOut());
        doc.put("receptive_field", f.receptiveField());
        doc.put("fan_avg", f.average());
        doc.put("pytorch_fan_in", f.pytorchFanIn());
        doc.put("pytorch_fan_out", f.pytorchFanOut());
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(doc));
            return 0;
        }
        out.println("shape " + t.shape() + ", layout " + t.layout().specName() + ", groups " + t.groups()
                + (t.transposed() ? ", transposed" : ""));
        new Table("quantity", "initlab", "pytorch")
                .row("fan_in", f.fanIn(), f.pytorchFanIn())
                .row("fan_out", f.fanOut(), f.pytorchFanOut())
                .row("receptive_field", f.receptiveField(), f.receptiveField())
                .print(out);
        if (f.fanIn() != f.pytorchFanIn() || f.fanOut() != f.pytorchFanOut()) {
            out.println("PyTorch's _calculate_fan_in_and_fan_out differs here: it ignores groups in fan_out"
                    + " and reads transposed kernels as if they were not (PyTorch issue 23854).");
        }
        return 0;
    }
}
