package org.initlab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    @ParameterizedTest(name = "umask {0} gives a new file mode {1}")
    @CsvSource({"022, rw-r--r--", "027, rw-r-----", "077, rw-------", "002, rw-rw-r--"})
    void aNewFileGetsTheModeTheUmaskGives(String umask, String mode) throws Exception {
        assumeTrue(POSIX && Files.isExecutable(Path.of("/bin/sh")), "needs POSIX permissions and /bin/sh");
        Path file = dir.resolve("w.npy");
        Process p = child(List.of(
                "/bin/sh",
                "-c",
                "umask " + umask + " && exec \"$0\" -cp \"$1\" " + AtomicFilesChild.class.getName() + " write \"$2\"",
                java(),
                System.getProperty("java.class.path"),
                file.toString()));
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo(mode);
        assertThat(Files.size(file)).isEqualTo(1 << 20);
        assertThat(names()).containsExactly("w.npy");
    }

    @Test
    void inThisJvmANewFileHasTheModeOfAnyNewFile() throws IOException {
        assumeTrue(POSIX);
        Path probe = Files.createFile(dir.resolve("probe"));
        Path file = dir.resolve("new.bin");
        AtomicFiles.write(file, out -> out.write(1));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(probe));
    }

    @ParameterizedTest(name = "an existing {0} file keeps its mode")
    @CsvSource({"rw-------", "rw-r-----", "rwxr-xr-x", "r--r--r--"})
    void anOverwrittenFileKeepsItsMode(String mode) throws IOException {
        assumeTrue(POSIX);
        Path file = dir.resolve("weights.safetensors");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        AtomicFiles.write(file, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo(mode);
    }

    @Test
    void aWriteStoppedBySigtermLeavesNoTemporaryFile() throws Exception {
        assumeTrue(POSIX, "SIGTERM is sent by Process.destroy on POSIX systems");
        Path file = dir.resolve("big.npy");
        Process p = child(List.of(
                java(),
                "-cp",
                System.getProperty("java.class.path"),
                AtomicFilesChild.class.getName(),
                "hang",
                file.toString()));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!hasMegabyteTemporary() && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(hasMegabyteTemporary())
                    .as("the child is writing its temporary file")
                    .isTrue();
            p.destroy(); // SIGTERM: the JVM runs its shutdown hooks
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).isEqualTo(128 + 15);
        assertThat(names()).isEmpty();
    }

    @Test
    void aFailureWhileWritingNamesTheDestinationAndKeepsTheOldFile() throws IOException {
        Path file = dir.resolve("w.npz");
        Files.writeString(file, "old");
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
                    out.write(new byte[100]);
                    throw new IOException("No space left on device");
                }))
                .isInstanceOf(IOException.class)
                .hasMessage("could not write " + file + ": No space left on device");
        assertThat(Files.readString(file)).isEqualTo("old");
        assertThat(names()).containsExactly("w.npz");
        // the body's own errors pass unchanged
        FormatException bad = new FormatException("in.npy", 3, "bad");
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
                    throw bad;
                }))
                .isSameAs(bad);
        assertThat(names()).containsExactly("w.npz");
    }

    @Test
    void aDestinationThatCanNeverBeWrittenIsRefusedNamingIt() throws IOException {
        Path afile = Files.writeString(dir.resolve("afile"), "x");
        Path under = afile.resolve("x.npy");
        assertThatThrownBy(() -> AtomicFiles.write(under, out -> out.write(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot write " + under + ": " + afile + " is a file, not a folder");
        assertThatThrownBy(() -> AtomicFiles.checkDestination(afile.resolve("deeper/x.npy")))
                .hasMessageContaining(afile + " is a file, not a folder");
        Path folder = Files.createDirectory(dir.resolve("folder"));
        assertThatThrownBy(() -> AtomicFiles.checkDestination(folder))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot write " + folder + ": it is a folder; give a file name");
        AtomicFiles.checkDestination(dir.resolve("new/deeper/x.npy")); // missing folders are created
        assertThat(names()).containsExactlyInAnyOrder("afile", "folder");
    }

    @Test
    void aFolderWithoutWritePermissionIsRefusedNamingIt() throws IOException {
        assumeTrue(POSIX);
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(locked), "the user can write anywhere (root)");
            Path file = locked.resolve("x.npy");
            assertThatThrownBy(() -> AtomicFiles.write(file, out -> out.write(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "cannot write " + file + ": the folder " + locked + " is not writable (permission denied)");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private boolean hasMegabyteTemporary() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> {
                try {
                    return p.getFileName().toString().startsWith(".big.npy.") && Files.size(p) >= 1 << 20;
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Process child(List<String> command) throws IOException {
        return new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
