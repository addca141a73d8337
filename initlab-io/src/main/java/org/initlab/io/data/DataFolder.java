package org.initlab.io.data;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the built-in file datasets are looked for, in order: a folder given by the user, the
 * folder named by the environment variable {@code INITLAB_DATA}, then {@code ../shared/data}
 * relative to the working directory, relative to the repository holding the working directory,
 * and relative to the repository holding this program's classes or jar (a repository is the
 * nearest folder above holding {@code .git}). The launcher {@code ./initlab} runs from the
 * caller's working directory, hence the last two. Each folder holds the datasets' standard
 * layout ({@code fashion-mnist/}, {@code mnist/}, {@code digits/}, {@code iris/}; see
 * {@code shared/data/README.md}).
 *
 * @param places the candidate folders, in the order they are tried, duplicates removed
 */
public record DataFolder(List<Place> places) {
    /** The environment variable naming a data folder. */
    public static final String ENVIRONMENT = "INITLAB_DATA";

    /**
     * One candidate folder.
     *
     * @param dir the folder
     * @param origin why it is a candidate, for messages ({@code "$INITLAB_DATA"})
     */
    public record Place(Path dir, String origin) {
    }

    public DataFolder {
        List<Place> unique = new ArrayList<>();
        for (Place p : places) {
            if (unique.stream().noneMatch(u -> u.dir().equals(p.dir()))) {
                unique.add(p);
            }
        }
        places = List.copyOf(unique);
    }

    /**
     * The standard places for this process: {@code explicit} (may be null), {@code $INITLAB_DATA},
     * and {@code ../shared/data} from the working directory and the repositories.
     */
    public static DataFolder standard(Path explicit) {
        return standard(explicit, System.getenv(ENVIRONMENT), Path.of("").toAbsolutePath(), codeLocation());
    }

    /**
     * The standard places for the given inputs.
     *
     * @param explicit a folder given by the user, or null
     * @param environment the value of {@code INITLAB_DATA}, or null when unset
     * @param workingDirectory the working directory
     * @param code the location of the program's classes or jar, or null when unknown
     */
    public static DataFolder standard(Path explicit, String environment, Path workingDirectory, Path code) {
        List<Place> places = new ArrayList<>();
        if (explicit != null) {
            places.add(new Place(explicit.toAbsolutePath().normalize(), "--data-dir"));
        }
        if (environment != null && !environment.isBlank()) {
            try {
                places.add(new Place(Path.of(environment).toAbsolutePath().normalize(), "$" + ENVIRONMENT));
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException(ENVIRONMENT + " is not a valid path: '" + environment + "'", e);
            }
        }
        Path cwd = workingDirectory.toAbsolutePath();
        places.add(new Place(cwd.resolve("../shared/data").normalize(), "../shared/data from the working directory"));
        Path repo = repositoryAbove(cwd);
        if (repo != null) {
            places.add(new Place(repo.resolve("../shared/data").normalize(), "../shared/data beside the repository "
                    + repo));
        }
        Path codeRepo = repositoryAbove(code);
        if (codeRepo != null) {
            places.add(new Place(codeRepo.resolve("../shared/data").normalize(), "../shared/data beside the repository "
                    + codeRepo + " of the program"));
        }
        return new DataFolder(places);
    }

    /**
     * The first place holding every one of {@code files} (paths relative to a data folder).
     *
     * @param dataset the dataset's name, for the message
     * @throws IllegalArgumentException naming every place looked at, when none holds them all
     */
    public Path locate(String dataset, List<String> files) {
        for (Place p : places) {
            if (files.stream().allMatch(f -> Files.isRegularFile(p.dir().resolve(f)))) {
                return p.dir();
            }
        }
        StringBuilder m = new StringBuilder(dataset).append(" not found: no data folder holds ")
                .append(String.join(", ", files)).append("; looked in");
        for (int i = 0; i < places.size(); i++) {
            Place p = places.get(i);
            m.append(i == 0 ? " " : ", ").append(p.dir()).append(" (").append(p.origin()).append(')');
        }
        if (places.stream().noneMatch(p -> p.origin().startsWith("$"))) {
            m.append("; ").append(ENVIRONMENT).append(" is not set");
        }
        String first = files.get(0);
        m.append("; set ").append(ENVIRONMENT).append(" or --data-dir to a folder holding ")
                .append(first.contains("/") ? first.substring(0, first.indexOf('/') + 1) : first);
        throw new IllegalArgumentException(m.toString());
    }

    private static Path repositoryAbove(Path start) {
        for (Path p = start == null ? null : start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return p;
            }
        }
        return null;
    }

    private static Path codeLocation() {
        try {
            var source = DataFolder.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
