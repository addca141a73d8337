package org.initlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.initlab.io.Json;
import org.initlab.io.data.DataFolder;
import org.initlab.io.data.FileSet;
import org.initlab.io.data.FileSets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code initlab data list}: every known data set, where it was found (or not), its size, license and how to get it. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "Show every known data set: where it was found (or that it is missing), its size, license and"
                + " the command that gets it.")
final class DataListCommand implements Callable<Integer> {
    @Option(names = "--data-dir", description = "A folder looked at first (it must exist).")
    Path dataDir;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        DataFolder folder = DataFolder.standard(dataDir);
        PrintWriter out = spec.commandLine().getOut();
        List<Object> items = new ArrayList<>();
        for (FileSet set : FileSets.all()) {
            Optional<DataFolder.Place> place = folder.where(set);
            String status = place.isPresent() ? "found" : set.embedded() ? "embedded" : "missing";
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", set.name());
            item.put("description", set.description());
            item.put("status", status);
            item.put(
                    "location",
                    place.map(p -> p.dir().resolve(set.folder()).toString())
                            .orElse(set.embedded() ? "embedded:" + set.resource("") : null));
            item.put("origin", place.map(DataFolder.Place::origin).orElse(null));
            item.put("bytes", set.bytes());
            item.put("license", set.license());
            item.put("fetch_command", set.sources().isEmpty() ? null : set.fetchCommand());
            items.add(item);
            if (!json) {
                out.println(set.name() + "  (" + megabytes(set.bytes()) + ", " + set.license() + ")");
                out.println("    " + set.description());
                out.println("    "
                        + switch (status) {
                            case "found" -> "found in " + item.get("location") + " (" + item.get("origin") + ")";
                            case "embedded" ->
                                "embedded in initlab" + (set.name().endsWith("-small") ? "" : " (the full set)");
                            default -> "missing; get it with: " + set.fetchCommand();
                        });
            }
        }
        List<String> places = folder.places().stream()
                .map(p -> p.dir() + " (" + p.origin() + ")")
                .toList();
        Path user = DataFolder.userFolder();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("data_sets", items);
            doc.put("looked_in", places);
            doc.put("user_folder", user.toString());
            out.println(Json.write(doc));
        } else {
            out.println();
            out.println("Looked in, in order: " + String.join(", ", places) + ", then the embedded copies.");
            out.println("'initlab data fetch NAME' puts files in " + user + " (set " + DataFolder.ENVIRONMENT
                    + " to choose another folder).");
        }
        return 0;
    }

    private static String megabytes(long bytes) {
        return bytes >= 1_000_000
                ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6)
                : String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
    }
}
