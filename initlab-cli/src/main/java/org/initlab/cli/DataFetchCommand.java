package org.initlab.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.initlab.io.Json;
import org.initlab.io.data.DataFolder;
import org.initlab.io.data.FileSet;
import org.initlab.io.data.FileSets;
import org.initlab.io.data.fetch.Fetcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code initlab data fetch NAME}: downloads a known set from its canonical location (then its
 * fallbacks) or a mirror, each file checked against its recorded SHA-256.
 */
@Command(
        name = "fetch",
        mixinStandardHelpOptions = true,
        description = {
            "Download a known data set, each file checked against its published SHA-256, into the user data"
                    + " folder ($INITLAB_DATA, else $XDG_DATA_HOME/initlab or ~/.local/share/initlab).",
            "An interrupted download resumes when run again. Example: initlab data fetch fashion-mnist"
        })
final class DataFetchCommand implements Callable<Integer> {
    @Parameters(
            paramLabel = "NAME",
            description = "The set: fashion-mnist, mnist or mnist-test (see 'initlab data list').")
    String name;

    @Option(
            names = "--from",
            paramLabel = "URL",
            description = "A mirror: an http(s) folder holding the files under their original names.")
    String from;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "The data folder to fetch into (files go to DIR/NAME/); default: the user data folder.")
    Path dir;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        FileSet set = FileSets.named(name.strip());
        if (set.sources().isEmpty() && from == null) {
            spec.commandLine()
                    .getOut()
                    .println(set.name() + " is embedded in initlab"
                            + (set.name().endsWith("-small") ? "" : " (the full set)")
                            + " and loads without files; nothing to fetch");
            return 0;
        }
        List<URI> sources = from == null ? set.sources() : List.of(Fetcher.mirror(from));
        Path root =
                (dir == null ? DataFolder.userFolder() : dir).toAbsolutePath().normalize();
        PrintWriter err = spec.commandLine().getErr();
        Progress bar = new Progress(err, "fetch " + set.name());
        Fetcher.Result r = new Fetcher(new Fetcher.Listener() {
                    @Override
                    public void progress(String file, long done, long total) {
                        bar.update((int) (done >> 10), (int) (total >> 10), "KiB " + file);
                    }

                    @Override
                    public void note(String line) {
                        bar.finish(line);
                    }
                })
                .fetch(set, root, sources);
        PrintWriter out = spec.commandLine().getOut();
        boolean looked = root.equals(DataFolder.userFolder().toAbsolutePath().normalize());
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("name", set.name());
            doc.put("dir", r.dir().toString());
            doc.put("downloaded", r.downloaded());
            doc.put("already_present", r.kept());
            out.println(Json.write(doc));
        } else {
            out.println(set.name() + ": " + set.files().size() + " files verified in " + r.dir() + " ("
                    + r.downloaded().size() + " downloaded, " + r.kept().size() + " already there)"
                    + (looked
                            ? ""
                            : "; pass --data-dir " + root + " (or set " + DataFolder.ENVIRONMENT + "=" + root
                                    + ") so commands find it"));
        }
        return 0;
    }
}
