package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of the machine's file systems, on the real thing: a full disk under the SQLite database (a small tmpfs
 * filled up), and a state file the reconciler's user may not read (the CLI run as {@code nobody}). Both need root
 * (to mount, to switch user), as CI has; elsewhere they are skipped with a message.
 */
class FilesystemFaultIT {
    private static final long NOBODY = 65534;

    @TempDir
    Path dir;

    @Test
    void aFullDiskUnderSqliteFailsThePassCleanlyAndTheNextPassAppliesOnceThereIsRoom() throws Exception {
        requireRoot();
        Path mount = Files.createDirectories(dir.resolve("small-disk"));
        command(30, "mount", "-t", "tmpfs", "-o", "size=2m", "fleet-it-disk-full", mount.toString());
        try {
            Path db = mount.resolve("decnet.db");
            Path state = StateFiles.write(dir.resolve("decnet-state.json"), deckies(5));
            Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + dir.resolve("no-docker.sock"));
            assertThat(CliProcess.run(dir, env, "reconcile", "--once", "--state", state.toString(),
                    "--db", "jdbc:sqlite:" + db).code()).isZero();
            Path filler = mount.resolve("filler");
            fill(filler);
            StateFiles.write(state, deckies(3000));

            Cli.Result full = CliProcess.run(dir, env, "reconcile", "--once", "--state", state.toString(),
                    "--db", "jdbc:sqlite:" + db);

            assertThat(full.code()).as(full.err()).isEqualTo(1);
            // In WAL mode even the read may fail (its shared-memory index cannot grow), else the write does.
            assertThat(full.err()).containsPattern("could not (read|write) the fleet store")
                    .containsPattern("nothing was (written|applied)").contains("is the file system full")
                    .doesNotContain("\tat ");
            Files.delete(filler); // (with the disk full not even this test could read the file)
            assertThat(FleetTable.states(db, "local")).as("nothing of the failed pass").hasSize(5);
            assertThat(integrity(db)).isEqualTo("ok");

            Cli.Result room = CliProcess.run(dir, env, "reconcile", "--once", "--state", state.toString(),
                    "--db", "jdbc:sqlite:" + db);

            assertThat(room.code()).as(room.err()).isZero();
            assertThat(FleetTable.states(db, "local")).hasSize(3000);
            assertThat(integrity(db)).isEqualTo("ok");
        } finally {
            command(30, "umount", mount.toString());
        }
    }

    @Test
    void aStateFileTheReconcilersUserMayNotReadChangesNothingAndSaysWhy() throws Exception {
        requireRoot();
        // Everything the user nobody needs, in a directory it may enter: the jar, the database, the state file.
        Path shared = Files.createTempDirectory(Path.of("/tmp"), "fleet-it-nobody-");
        try {
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
            Path jar = Files.copy(CliProcess.jar(), shared.resolve("fleet-reconciler.jar"));
            Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
            Path state = StateFiles.write(shared.resolve("decnet-state.json"), deckies(3));
            Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rw-r--r--"));
            Path db = shared.resolve("decnet.db");

            assertThat(asNobody(shared, jar, state, db).code()).isZero();
            assertThat(FleetTable.states(db, "local")).hasSize(3);

            StateFiles.write(state, deckies(1)); // a teardown of two, which the reconciler must not act on blind
            Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rw-------"));
            Cli.Result denied = asNobody(shared, jar, state, db);

            assertThat(denied.code()).as(denied.err()).isEqualTo(1);
            assertThat(denied.err()).contains(state.toString()).containsIgnoringCase("permission denied")
                    .doesNotContain("\tat ");
            assertThat(FleetTable.states(db, "local")).as("nothing deleted").hasSize(3);

            Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rw-r--r--"));
            Cli.Result readable = asNobody(shared, jar, state, db);

            assertThat(readable.code()).as(readable.err()).isZero();
            assertThat(FleetTable.states(db, "local")).hasSize(1);
        } finally {
            command(30, "rm", "-rf", shared.toString());
        }
    }

    private static Cli.Result asNobody(Path workDir, Path jar, Path state, Path db) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + workDir, "-jar", jar.toString(), "reconcile", "--once", "--state",
                state.toString(), "--db", "jdbc:sqlite:" + db));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().remove("DECNET_STATE_FILE");
        pb.environment().remove("DECNET_DB_URL");
        pb.environment().put("DOCKER_HOST", "unix://" + workDir.resolve("no-docker.sock"));
        pb.environment().put("HOME", workDir.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Cli.Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    private static String[] deckies(int n) {
        return IntStream.range(0, n).mapToObj(i -> "decky-" + i + ":ssh,http,smtp_relay").toArray(String[]::new);
    }

    /** Writes {@code file} until the file system has no room left. */
    private static void fill(Path file) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException e) {
            assertThat(e.getMessage()).as("ENOSPC").containsIgnoringCase("space");
        }
    }

    private static String integrity(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void requireRoot() throws Exception {
        boolean root = new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes(),
                StandardCharsets.UTF_8).strip().equals("0");
        if (!"true".equalsIgnoreCase(System.getenv("CI"))) {
            assumeTrue(root, "needs root (to mount a small tmpfs, to run the CLI as nobody); run the suite as root");
        }
        assertThat(root).as("CI runs as root (mount, setpriv)").isTrue();
    }

    private static void command(long seconds, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(seconds, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", String.join(" ", command), out).isZero();
    }
}
