package io.decnet.reconciler.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarball {@code mvn package} builds, unpacked as an operator would: its layout, the launcher running a real
 * pass from it (real JVM, real SQLite, no Docker), and its systemd unit passing {@code systemd-analyze verify}.
 */
class ReleaseTarballIT {
    private static final Path TARBALL = Path.of(System.getProperty("fleet.dist.tarball", "missing.tar.gz"));
    private static final String NAME = System.getProperty("fleet.dist.name", "fleet-reconciler");

    @TempDir
    static Path unpacked;
    private static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        assertThat(TARBALL).as("built by mvn package").exists();
        Result tar = run(unpacked, List.of("tar", "-xzf", TARBALL.toString(), "-C", unpacked.toString()));
        assertThat(tar.exit()).as(tar.output()).isZero();
        home = unpacked.resolve(NAME);
    }

    @Test
    void holdsTheLauncherTheJarTheUnitTheDocsTheLicenseAndTheReadme() {
        assertThat(home.resolve("bin/fleet-reconciler")).isRegularFile().isExecutable();
        assertThat(home.resolve("lib/fleet-reconciler.jar")).isRegularFile();
        assertThat(home.resolve("systemd/fleet-reconciler.service")).isRegularFile();
        assertThat(home.resolve("systemd/fleet-reconciler.sysusers")).isRegularFile();
        assertThat(home.resolve("docs/operations.md")).isRegularFile();
        assertThat(home.resolve("docs/cli.md")).isRegularFile();
        assertThat(home.resolve("LICENSE")).content().contains("Apache License", "Version 2.0");
        assertThat(home.resolve("README.md")).isRegularFile();
    }

    @Test
    void onlyTheLauncherIsExecutable() throws IOException {
        try (var files = Files.walk(home)) {
            assertThat(files.filter(Files::isRegularFile)
                    .filter(f -> permissions(f).contains(PosixFilePermission.OTHERS_EXECUTE)))
                    .containsExactly(home.resolve("bin/fleet-reconciler"));
        }
    }

    @Test
    void theLauncherOfTheUnpackedTarballRunsAPassWithItsOwnJar(@TempDir Path work) throws Exception {
        Path state = Files.copy(home.resolve("examples/decnet-state.json"), work.resolve("decnet-state.json"));

        Result once = run(work, List.of(home.resolve("bin/fleet-reconciler").toString(), "reconcile", "--once",
                "--state", state.toString(), "--db", "jdbc:sqlite:" + work.resolve("decnet.db"),
                "--docker-host", "unix://" + work.resolve("no-docker.sock")),
                "FLEET_RECONCILER_CACHE", work.resolve("cache").toString());

        assertThat(once.exit()).as(once.output()).isZero();
        assertThat(once.output()).contains("reconcile: inserted=3 deleted=0 state_updated=0", "docker=unusable");
    }

    @Test
    void theSystemdUnitVerifies(@TempDir Path units) throws Exception {
        assumeThat(Path.of("/usr/bin/systemd-analyze")).as("systemd-analyze is installed").exists();
        // verify checks that ExecStart exists: point it at the unpacked launcher instead of /opt/fleet-reconciler.
        String unit = Files.readString(home.resolve("systemd/fleet-reconciler.service"))
                .replace("/opt/fleet-reconciler/bin/fleet-reconciler", home.resolve("bin/fleet-reconciler").toString());
        Path copy = Files.writeString(units.resolve("fleet-reconciler.service"), unit);

        Result verify = run(units, List.of("systemd-analyze", "verify", copy.toString()));

        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).as("no warnings").isBlank();
    }

    private static java.util.Set<PosixFilePermission> permissions(Path file) {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Result(int exit, String output) { }

    private static Result run(Path dir, List<String> command, String... env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("DOCKER_HOST");
        pb.environment().remove("DECNET_DB_URL");
        pb.environment().remove("DECNET_STATE_FILE");
        for (int i = 0; i < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        Process p = pb.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s ended", command).isTrue();
        return new Result(p.exitValue(), output);
    }
}
