package org.initlab.io.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.initlab.io.data.DataFolder;
import org.initlab.io.data.FileSet;
import org.initlab.io.data.FileSets;
import org.initlab.io.data.StoredFile;

/**
 * Fetches a known {@link FileSet} into a data folder ({@code ROOT/FOLDER/}), file by file: a file
 * already there with the recorded size and SHA-256 is kept; otherwise each source is tried in
 * turn (the set's canonical location and fallbacks, or one mirror given by the user), the body
 * going to {@code .NAME.part} beside the destination, resumed when a part is left over, and moved
 * to {@code NAME} atomically only once its size and SHA-256 match. A checksum mismatch deletes
 * the part; an interrupted body keeps it for the next attempt. The whole set is fetched under a
 * {@link FolderLock}, so a second fetch of the same folder waits and then finds the files there.
 */
public final class Fetcher {
    /** What a fetch tells its user while it runs. */
    public interface Listener {
        /** {@code done} of the {@code total} bytes of {@code file} are on disk. */
        void progress(String file, long done, long total);

        /** A line for the user: a file finished, kept, or a wait for another fetch. */
        void note(String line);

        /** A listener that says nothing. */
        static Listener silent() {
            return new Listener() {
                @Override
                public void progress(String file, long done, long total) {}

                @Override
                public void note(String line) {}
            };
        }
    }

    /**
     * What a fetch did.
     *
     * @param dir the set's folder
     * @param downloaded the files downloaded now
     * @param kept the files that were already there, intact
     */
    public record Result(Path dir, List<String> downloaded, List<String> kept) {
        public Result {
            downloaded = List.copyOf(downloaded);
            kept = List.copyOf(kept);
        }
    }

    private final Transfer transfer;
    private final Listener listener;

    /** A fetcher with its own HTTP client. */
    public Fetcher(Listener listener) {
        this(Transfer.client(), listener);
    }

    /** A fetcher using {@code client}, which must not follow redirects itself. */
    public Fetcher(HttpClient client, Listener listener) {
        this.transfer = new Transfer(client, listener);
        this.listener = listener;
    }

    /**
     * Parses a mirror's address given by the user: an absolute {@code http} or {@code https} URL
     * of a folder (a missing trailing slash is added).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static URI mirror(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--from: not a URL: '" + url + "' (" + e.getReason() + ")", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "--from must be an http:// or https:// URL of a folder holding the files," + " got '" + url + "'");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + (path.endsWith("/") ? path : path + "/"));
    }

    /**
     * Fetches {@code set} into {@code root/set.folder()} from {@code sources} (tried in order per
     * file), creating the folders as needed.
     *
     * @throws IllegalArgumentException if the set has no sources (it is embedded)
     * @throws FetchException when a file cannot be had from any source, naming each failure
     */
    @SuppressWarnings("try") // the lock is held for the block's duration, never read
    public Result fetch(FileSet set, Path root, List<URI> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(
                    set.name() + " is embedded in initlab" + (set.name().endsWith("-small") ? "" : " (the full set)")
                            + " and loads without files; nothing to fetch");
        }
        try {
            Path dir = Files.createDirectories(root.resolve(set.folder()));
            List<String> downloaded = new ArrayList<>();
            List<String> kept = new ArrayList<>();
            try (FolderLock lock = FolderLock.acquire(dir, listener::note)) {
                for (FileSet.Checksummed file : set.files()) {
                    if (intact(dir.resolve(file.name()), file)) {
                        kept.add(file.name());
                        listener.note(file.name() + ": already there, checksum verified");
                        continue;
                    }
                    fetchFile(set, file, dir, sources);
                    downloaded.add(file.name());
                }
                if (set.name().startsWith("fashion-mnist")) {
                    copyLicense(dir);
                }
            }
            return new Result(dir, downloaded, kept);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write into " + root.resolve(set.folder()) + ": " + e.getMessage(), e);
        }
    }

    /** Fetches {@code set} into the user data folder from its own sources. */
    public Result fetch(FileSet set) {
        return fetch(set, DataFolder.userFolder(), set.sources());
    }

    private void fetchFile(FileSet set, FileSet.Checksummed file, Path dir, List<URI> sources) throws IOException {
        Path part = dir.resolve("." + file.name() + ".part");
        List<String> failures = new ArrayList<>();
        for (URI source : sources) {
            URI uri = source.resolve(file.name());
            try {
                boolean resumed = Files.isRegularFile(part) && Files.size(part) > 0;
                long size = transfer.download(uri, part, file.name(), file.bytes());
                if (resumed && size == file.bytes() && !checksum(part).equals(file.sha256())) {
                    // the bytes left over by an earlier attempt were not a prefix of this file
                    listener.note(file.name() + ": the resumed part did not verify; downloading it again in full");
                    Files.delete(part);
                    size = transfer.download(uri, part, file.name(), file.bytes());
                }
                if (size != file.bytes()) {
                    if (size > file.bytes()) {
                        Files.deleteIfExists(part);
                    }
                    throw new FetchException(
                            size < file.bytes()
                                    ? "truncated: the body ended after " + size + " of " + file.bytes()
                                            + " bytes; the part is kept" + " in " + part
                                            + ", run the same command again to resume"
                                    : "more than the " + file.bytes() + " bytes expected; nothing kept");
                }
                String sha = checksum(part);
                if (!sha.equals(file.sha256())) {
                    Files.deleteIfExists(part);
                    throw new FetchException(
                            "checksum mismatch: SHA-256 " + sha + ", expected " + file.sha256() + "; nothing kept");
                }
                moveIntoPlace(part, dir.resolve(file.name()));
                listener.note(file.name() + ": " + file.bytes() + " bytes from " + uri + ", SHA-256 verified");
                return;
            } catch (FetchException e) {
                failures.add(uri + ": " + e.getMessage());
            }
        }
        throw new FetchException(
                "cannot fetch " + set.name() + " file " + file.name() + ": " + String.join("; ", failures));
    }

    private static void moveIntoPlace(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean intact(Path file, FileSet.Checksummed expected) throws IOException {
        return Files.isRegularFile(file)
                && Files.size(file) == expected.bytes()
                && checksum(file).equals(expected.sha256());
    }

    private static String checksum(Path file) throws IOException {
        return new StoredFile.Disk(file).sha256();
    }

    /** Fashion-MNIST's MIT license asks for its notice to travel with copies: the embedded text. */
    private static void copyLicense(Path dir) throws IOException {
        Path target = dir.resolve(FileSets.FASHION_MNIST_LICENSE_FILE.name());
        if (Files.exists(target)) {
            return;
        }
        StoredFile license = FileSets.fashionMnistLicense();
        Path part = dir.resolve(".LICENSE.part");
        try (InputStream in = license.open()) {
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
        }
        moveIntoPlace(part, target);
    }
}
