package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.initlab.io.data.FileSets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code initlab data list} and {@code initlab data fetch}, against a mirror on 127.0.0.1 only. */
class DataCommandTest {
    /** Surefire runs in initlab-cli; the shared data sits beside the repository. */
    private static final Path FASHION =
            Path.of("../../shared/data/fashion-mnist").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    /** Serves the files of {@code dir} by name at {@code http://127.0.0.1:PORT/} (404 for anything else). */
    private static HttpServer mirror(Path dir) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", x -> {
            try (x) {
                Path file =
                        dir.resolve(x.getRequestURI().getPath().substring(1)).normalize();
                if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
                    x.sendResponseHeaders(404, -1);
                    return;
                }
                x.sendResponseHeaders(200, Files.size(file));
                Files.copy(file, x.getResponseBody());
            }
        });
        server.start();
        return server;
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Test
    void listShowsEverySetWhereItIsItsLicenseAndTheCommandThatGetsIt() throws IOException {
        Path fashion = Files.createDirectories(tmp.resolve("fashion-mnist"));
        for (String f : FileSets.FASHION_MNIST.fileNames()) {
            Files.writeString(fashion.resolve(f), "");
        }
        MainTest.Run r = MainTest.run("data", "list", "--data-dir", tmp.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("fashion-mnist  (30.9 MB, MIT (Zalando SE, 2017))")
                .contains("found in " + fashion + " (--data-dir)")
                .contains("fashion-mnist-small")
                .contains("embedded in initlab")
                .contains("Looked in, in order: " + tmp + " (--data-dir), ");
        MainTest.Run json = MainTest.run("data", "list", "--json", "--data-dir", tmp.toString());
        assertThat(json.out().lines().count()).isEqualTo(1);
        assertThat(json.out())
                .contains("\"name\":\"fashion-mnist\",")
                .contains("\"status\":\"found\"")
                .contains("\"fetch_command\":\"initlab data fetch mnist\"")
                .contains("\"user_folder\":");
        for (var set : FileSets.all()) {
            assertThat(json.out()).contains("\"name\":\"" + set.name() + "\"");
        }
    }

    @Test
    void badArgumentsExitWithTwoAndOneLine() {
        MainTest.Run typo = MainTest.run("data", "fetch", "fashoin-mnist");
        assertThat(typo.status()).isEqualTo(2);
        assertThat(typo.err().strip())
                .startsWith("initlab: unknown data set 'fashoin-mnist'; did you mean 'fashion-mnist'?")
                .doesNotContain("\n");
        MainTest.Run url = MainTest.run("data", "fetch", "mnist", "--from", "ftp://127.0.0.1/x");
        assertThat(url.status()).isEqualTo(2);
        assertThat(url.err()).contains("--from must be an http:// or https:// URL");
        MainTest.Run embedded = MainTest.run("data", "fetch", "digits");
        assertThat(embedded.status()).isZero();
        assertThat(embedded.out()).contains("digits is embedded in initlab (the full set)");
        MainTest.Run noDir = MainTest.run(
                "train",
                "--data",
                "digits",
                "--data-dir",
                tmp.resolve("nowhere").toString());
        assertThat(noDir.status()).isEqualTo(2);
        assertThat(noDir.err()).contains("--data-dir " + tmp.resolve("nowhere") + " does not exist");
    }

    @Test
    void aFailedFetchExitsWithOneAndOneLineAndWritesNothing() throws IOException {
        HttpServer server = mirror(Files.createDirectories(tmp.resolve("empty-mirror")));
        try {
            MainTest.Run r = MainTest.run(
                    "data",
                    "fetch",
                    "mnist-test",
                    "--from",
                    url(server),
                    "--dir",
                    tmp.resolve("data").toString());
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err().strip())
                    .isEqualTo("initlab: error: cannot fetch mnist-test file t10k-images-idx3-ubyte.gz: " + url(server)
                            + "t10k-images-idx3-ubyte.gz: HTTP 404 Not Found");
            assertThat(tmp.resolve("data/mnist/t10k-images-idx3-ubyte.gz")).doesNotExist();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void fetchFromALocalMirrorInstallsTheFullSetAndTrainUsesIt() throws IOException {
        assumeTrue(
                Files.isRegularFile(FASHION.resolve("train-images-idx3-ubyte.gz")), "no Fashion-MNIST at " + FASHION);
        HttpServer server = mirror(FASHION);
        Path data = tmp.resolve("data");
        try {
            MainTest.Run r =
                    MainTest.run("data", "fetch", "fashion-mnist", "--from", url(server), "--dir", data.toString());
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out())
                    .contains("fashion-mnist: 4 files verified in " + data.resolve("fashion-mnist")
                            + " (4 downloaded, 0 already there); pass --data-dir " + data);
            assertThat(r.err()).contains("train-images-idx3-ubyte.gz: 26421880 bytes from " + url(server));
            assertThat(data.resolve("fashion-mnist/LICENSE")).hasSameBinaryContentAs(FASHION.resolve("LICENSE"));
            MainTest.Run again = MainTest.run(
                    "data", "fetch", "fashion-mnist", "--from", url(server), "--dir", data.toString(), "--json");
            assertThat(again.out()).contains("\"downloaded\":[]");
        } finally {
            server.stop(0);
        }
        MainTest.Run train = MainTest.run(
                "train",
                "--data",
                "fashion-mnist",
                "--data-dir",
                data.toString(),
                "--limit",
                "60",
                "--epochs",
                "1",
                "--model",
                "mlp(784,[8],10)",
                "--json");
        assertThat(train.status()).as(train.err()).isZero();
        assertThat(train.out()).contains("\"train_size\":60");
    }
}
