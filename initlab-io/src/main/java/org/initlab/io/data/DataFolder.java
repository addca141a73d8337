package org.initlab.io.data;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the known data sets ({@link FileSets}) are looked for, in order:
 * <ol>
 *   <li>a folder given by the user ({@code --data-dir}; it must exist);</li>
 *   <li>the user data folder, where {@code initlab data fetch} puts files: {@code $INITLAB_DATA}
 *       when set, else {@code $XDG_DATA_HOME/initlab}, else {@code ~/.local/share/initlab}
 *       ({@link #userFolder});</li>
 *   <li>{@code /usr/share/datasets}, where Debian's {@code dataset-fashion-mnist} package puts
 *       {@code fashion-mnist/};</li>
 *   <li>{@code ../shared/data} relative to the working directory, to the repository holding it
 *       and to the repository holding this program (development checkouts; a repository is the
 *       nearest folder above holding {@code .git});</li>
 *   <li>last, for {@code digits}, {@code iris} and {@code fashion-mnist-small}, the copies
 *       embedded in the library.</li>
 * </ol>
 * Each folder holds one sub-folder per set ({@code fashion-mnist/}, {@code mnist/},
 * {@code digits/}, {@code iris/}) with the files under their original names. A set missing
 * everywhere is an error naming every place looked at and the command that fetches it; there is
 * no stand-in.
 *
 * @param places the candidate folders, in the order they are tried, duplicates removed
 */
public record DataFolder(List<Place> places) {
    /** The environment variable naming the user data folder. */
    public static final String ENVIRONMENT = "INITLAB_DATA";
    /** Where Debian's data set packages install their files. */
    public static final Path DEBIAN = Path.of("/usr/share/datasets");

    /**
     * One candidate folder.
     *
     * @param dir the folder
     * @param origin why it is a candidate, for messages ({@code "$INITLAB_DATA"})
     */
    public record Place(Path dir, String origin) {}

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
     * The standard places for this process.
     *
     * @param explicit the {@code --data-dir} folder, or null
     * @throws IllegalArgumentException if {@code explicit} is not an existing folder
     */
    public static DataFolder standard(Path explicit) {
        return standard(explicit, System.getenv(), home(), Path.of("").toAbsolutePath(), codeLocation());
    }

    /**
     * The standard places for the given inputs.
     *
     * @param explicit a folder given by the user, or null
     * @param environment the environment ({@code INITLAB_DATA}, {@code XDG_DATA_HOME} are read)
     * @param home the user's home folder
     * @param workingDirectory the working directory
     * @param code the location of the program's classes or jar, or null when unknown
     * @throws IllegalArgumentException if {@code explicit} is not an existing folder
     */
    public static DataFolder standard(
            Path explicit, Map<String, String> environment, Path home, Path workingDirectory, Path code) {
        List<Place> places = new ArrayList<>();
        if (explicit != null) {
            if (!Files.isDirectory(explicit)) {
                throw new IllegalArgumentException(
                        "--data-dir " + explicit + (Files.exists(explicit) ? " is not a folder" : " does not exist")
                                + "; give a folder holding fashion-mnist/, mnist/, ...");
            }
            places.add(new Place(explicit.toAbsolutePath().normalize(), "--data-dir"));
        }
        places.add(userFolderPlace(environment, home));
        places.add(new Place(DEBIAN, "Debian's dataset packages"));
        Path cwd = workingDirectory.toAbsolutePath();
        places.add(new Place(cwd.resolve("../shared/data").normalize(), "../shared/data from the working directory"));
        Path repo = repositoryAbove(cwd);
        if (repo != null) {
            places.add(new Place(
                    repo.resolve("../shared/data").normalize(), "../shared/data beside the repository " + repo));
        }
        Path codeRepo = repositoryAbove(code);
        if (codeRepo != null) {
            places.add(new Place(
                    codeRepo.resolve("../shared/data").normalize(),
                    "../shared/data beside the repository " + codeRepo + " of the program"));
        }
        return new DataFolder(places);
    }

    /** The user data folder of this process ({@link #userFolder(Map, Path)}). */
    public static Path userFolder() {
        return userFolder(System.getenv(), home());
    }

    /** {@code $HOME} as the XDG rules read it, else Java's {@code user.home}. */
    private static Path home() {
        String home = System.getenv("HOME");
        return home != null && !home.isBlank() && Path.of(home).isAbsolute()
                ? Path.of(home)
                : Path.of(System.getProperty("user.home"));
    }

    /**
     * The user data folder, where {@code initlab data fetch} puts files: {@code $INITLAB_DATA}
     * when set, else {@code $XDG_DATA_HOME/initlab} when that is an absolute path, else
     * {@code HOME/.local/share/initlab} (the XDG base directory rules).
     */
    public static Path userFolder(Map<String, String> environment, Path home) {
        return userFolderPlace(environment, home).dir();
    }

    private static Place userFolderPlace(Map<String, String> environment, Path home) {
        String own = environment.get(ENVIRONMENT);
        if (own != null && !own.isBlank()) {
            return new Place(path(own, ENVIRONMENT), "$" + ENVIRONMENT);
        }
        String xdg = environment.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return new Place(path(xdg, "XDG_DATA_HOME").resolve("initlab"), "user data folder, $XDG_DATA_HOME/initlab");
        }
        return new Place(
                home.resolve(".local/share/initlab").toAbsolutePath().normalize(),
                "user data folder, ~/.local/share/initlab");
    }

    private static Path path(String text, String variable) {
        try {
            return Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(variable + " is not a valid path: '" + text + "'", e);
        }
    }

    /** The first place whose {@code set.folder()} holds every file of {@code set}, if any. */
    public Optional<Place> where(FileSet set) {
        return places.stream()
                .filter(p -> set.fileNames().stream()
                        .allMatch(f -> Files.isRegularFile(
                                p.dir().resolve(set.folder()).resolve(f))))
                .findFirst();
    }

    /**
     * The files of {@code set}: from the first place holding them all, else the embedded copies
     * when the set is embedded.
     *
     * @throws IllegalArgumentException naming every place looked at and the fetch command, when
     *     no place holds them all and nothing is embedded
     */
    public List<StoredFile> find(FileSet set) {
        Optional<Place> place = where(set);
        if (place.isPresent()) {
            Path dir = place.get().dir().resolve(set.folder());
            return set.fileNames().stream()
                    .<StoredFile>map(f -> new StoredFile.Disk(dir.resolve(f)))
                    .toList();
        }
        if (set.embedded()) {
            return embedded(set);
        }
        throw new IllegalArgumentException(missing(set));
    }

    /** The embedded copies of the files of an embedded set. */
    public static List<StoredFile> embedded(FileSet set) {
        if (!set.embedded()) {
            throw new IllegalArgumentException(set.name() + " is not embedded; " + set.fetchCommand() + " gets it");
        }
        return set.files().stream()
                .<StoredFile>map(f -> new StoredFile.Embedded(set.resource(f.name()), f.bytes(), f.sha256()))
                .toList();
    }

    private String missing(FileSet set) {
        StringBuilder m = new StringBuilder(set.name())
                .append(" not found: no data folder holds ")
                .append(set.folder())
                .append("/{")
                .append(String.join(", ", set.fileNames()))
                .append("}; looked in");
        for (int i = 0; i < places.size(); i++) {
            Place p = places.get(i);
            m.append(i == 0 ? " " : ", ")
                    .append(p.dir().resolve(set.folder()))
                    .append(" (")
                    .append(p.origin())
                    .append(')');
        }
        m.append("; get it with: ").append(set.fetchCommand());
        FileSets.find(set.name() + "-small")
                .filter(FileSet::embedded)
                .ifPresent(small -> m.append(" (or use the embedded subset: --data ")
                        .append(small.name())
                        .append(')'));
        return m.toString();
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
