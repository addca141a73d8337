package org.initlab.io.data.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.initlab.io.data.DataProvenance;
import org.initlab.io.data.FileSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Fetcher} against a fixture server on 127.0.0.1: nothing else is reached. */
class FetcherTest {
    private static final byte[] BIG = bytes(300_000, 1);
    private static final byte[] SMALL = bytes(1_000, 2);

    @TempDir
    Path root;

    private FixtureServer server;
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final List<long[]> progress = new CopyOnWriteArrayList<>();
    private FileSet set;

    @BeforeEach
    void start() throws IOException {
        server = new FixtureServer(Map.of("big.bin", BIG, "small.bin", SMALL));
        set = new FileSet(
                "fixture",
                "fixture",
                List.of(checksummed("big.bin", BIG), checksummed("small.bin", SMALL)),
                "test data",
                "a fixture",
                List.of(server.base("ok")),
                false);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Fetcher fetcher() {
        return new Fetcher(new Fetcher.Listener() {
            @Override
            public void progress(String file, long done, long total) {
                progress.add(new long[] {done, total});
            }

            @Override
            public void note(String line) {
                notes.add(line);
            }
        });
    }

    private Fetcher.Result fetch(String... behaviours) {
        return fetcher()
                .fetch(set, root, Stream.of(behaviours).map(server::base).toList());
    }

    @Test
    void fetchesEveryFileVerifiedAndKeepsThemOnTheNextRun() throws IOException {
        Fetcher.Result r = fetch("ok");
        Path dir = root.resolve("fixture");
        assertThat(r.dir()).isEqualTo(dir);
        assertThat(r.downloaded()).containsExactly("big.bin", "small.bin");
        assertThat(Files.readAllBytes(dir.resolve("big.bin"))).isEqualTo(BIG);
        assertThat(Files.readAllBytes(dir.resolve("small.bin"))).isEqualTo(SMALL);
        assertThat(leftovers(dir)).isEmpty();
        assertThat(progress).anySatisfy(p -> assertThat(p).containsExactly(BIG.length, BIG.length));
        assertThat(notes).anySatisfy(n -> assertThat(n).startsWith("big.bin: 300000 bytes from http://127.0.0.1:"));
        int requests = server.requests.size();
        Fetcher.Result again = fetch("ok");
        assertThat(again.kept()).containsExactly("big.bin", "small.bin");
        assertThat(again.downloaded()).isEmpty();
        assertThat(server.requests).hasSize(requests);
    }

    @Test
    void aChecksumMismatchLeavesNothingAndSaysSoInOneLine() {
        assertThatThrownBy(() -> fetch("bad"))
                .isInstanceOf(FetchException.class)
                .hasMessageStartingWith("cannot fetch fixture file big.bin: " + server.base("bad") + "big.bin: checksum"
                        + " mismatch: SHA-256 ")
                .hasMessageContaining("expected " + set.files().get(0).sha256() + "; nothing kept")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(root.resolve("fixture/big.bin")).doesNotExist();
        assertThat(leftovers(root.resolve("fixture"))).isEmpty();
    }

    @Test
    void a404IsNamedAndTheNextSourceIsTried() throws IOException {
        assertThatThrownBy(() -> fetch("missing"))
                .isInstanceOf(FetchException.class)
                .hasMessage(
                        "cannot fetch fixture file big.bin: " + server.base("missing") + "big.bin: HTTP 404 Not Found");
        assertThat(leftovers(root.resolve("fixture"))).isEmpty();
        Fetcher.Result r = fetch("missing", "redirect");
        assertThat(r.downloaded()).containsExactly("big.bin", "small.bin");
        assertThat(Files.readAllBytes(root.resolve("fixture/big.bin"))).isEqualTo(BIG);
    }

    @Test
    void aRedirectLoopIsNamed() {
        assertThatThrownBy(() -> fetch("loop"))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("big.bin: redirect loop: " + server.base("loop") + "big.bin -> "
                        + server.base("loop2") + "big.bin -> " + server.base("loop") + "big.bin");
        assertThat(root.resolve("fixture/big.bin")).doesNotExist();
    }

    @Test
    void aTruncatedBodyKeepsItsPartAndTheNextRunResumesWithARange() throws IOException {
        set = new FileSet("fixture", "fixture", List.of(set.files().get(0)), "test data", "one file", List.of(), false);
        Path part = root.resolve("fixture/.big.bin.part");
        assertThatThrownBy(() -> fetch("truncate-once"))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("big.bin: download interrupted after " + BIG.length / 2 + " of " + BIG.length)
                .hasMessageContaining("run the same command again to resume")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(root.resolve("fixture/big.bin")).doesNotExist();
        assertThat(part).hasSize(BIG.length / 2);

        Fetcher.Result r = fetch("truncate-once");
        assertThat(r.downloaded()).containsExactly("big.bin");
        assertThat(Files.readAllBytes(root.resolve("fixture/big.bin"))).isEqualTo(BIG);
        assertThat(part).doesNotExist();
        List<FixtureServer.Request> big = server.requestsFor("big.bin");
        assertThat(big).hasSize(2);
        assertThat(big.get(0).range()).isNull();
        assertThat(big.get(1).range()).isEqualTo("bytes=" + BIG.length / 2 + "-");
    }

    @Test
    void aLeftoverPartThatIsNotAPrefixIsDownloadedAgainInFull() throws IOException {
        Path dir = Files.createDirectories(root.resolve("fixture"));
        Files.write(dir.resolve(".big.bin.part"), new byte[] {9, 9, 9});
        // a part longer than the file: the server answers 416 to its range, and the fetch starts over
        Files.write(dir.resolve(".small.bin.part"), new byte[SMALL.length + 5]);
        fetch("ok");
        assertThat(Files.readAllBytes(dir.resolve("big.bin"))).isEqualTo(BIG);
        assertThat(Files.readAllBytes(dir.resolve("small.bin"))).isEqualTo(SMALL);
        assertThat(leftovers(dir)).isEmpty();
        assertThat(server.requestsFor("big.bin"))
                .extracting(FixtureServer.Request::range)
                .containsExactly("bytes=3-", null);
        assertThat(server.requestsFor("small.bin"))
                .extracting(FixtureServer.Request::range)
                .containsExactly("bytes=" + (SMALL.length + 5) + "-", null);
        assertThat(notes).contains("big.bin: the resumed part did not verify; downloading it again in full");
    }

    @Test
    void concurrentFetchesOfOneSetWaitForEachOtherAndDownloadOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Fetcher.Result>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return fetch("slow");
            }));
        }
        go.countDown();
        List<Fetcher.Result> done = new ArrayList<>();
        for (Future<Fetcher.Result> f : results) {
            done.add(f.get());
        }
        pool.shutdown();
        assertThat(done).extracting(r -> r.downloaded().size()).containsExactlyInAnyOrder(0, 2);
        assertThat(done).extracting(r -> r.kept().size()).containsExactlyInAnyOrder(2, 0);
        assertThat(server.requestsFor("big.bin")).hasSize(1);
        assertThat(Files.readAllBytes(root.resolve("fixture/big.bin"))).isEqualTo(BIG);
        assertThat(leftovers(root.resolve("fixture"))).isEmpty();
        assertThat(notes).anySatisfy(n -> assertThat(n).startsWith("waiting for another fetch into"));
    }

    @Test
    void mirrorsMustBeHttpFolders() {
        assertThat(Fetcher.mirror("http://127.0.0.1:8000")).isEqualTo(URI.create("http://127.0.0.1:8000/"));
        assertThat(Fetcher.mirror("https://example.org/data/fmnist"))
                .isEqualTo(URI.create("https://example.org/data/fmnist/"));
        assertThatThrownBy(() -> Fetcher.mirror("ftp://example.org/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--from must be an http:// or https:// URL");
        assertThatThrownBy(() -> Fetcher.mirror("not a url"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--from: not a URL");
        assertThatThrownBy(() -> fetcher().fetch(org.initlab.io.data.FileSets.DIGITS, root, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("digits is embedded in initlab");
    }

    /** Files other than the fetched ones and the lock: parts and temporaries. */
    private static List<String> leftovers(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".") && !n.equals(".lock"))
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static FileSet.Checksummed checksummed(String name, byte[] content) {
        try {
            return new FileSet.Checksummed(
                    name, content.length, DataProvenance.sha256(new ByteArrayInputStream(content)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
