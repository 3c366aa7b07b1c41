package io.decnet.reconciler.docker;

import static io.decnet.reconciler.docker.UnreachableDaemonTest.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.api.RuntimeObservation;
import io.decnet.reconciler.docker.support.DockerCli;
import io.decnet.reconciler.docker.support.TestEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real engine really stopping: a second, private dockerd started with {@code scripts/services/docker.sh} in its
 * own services directory (the shared engine the other tests use stays up), stopped cleanly and killed.
 */
class PrivateEngineStopIT {
    private static Path script;
    private static Path servicesDir;
    private static String host;

    @BeforeAll
    static void startPrivateEngine() throws Exception {
        TestEngine.dockerHost(); // the machine has what engines need (fails in CI, skips locally otherwise)
        script = Path.of("..", "scripts", "services", "docker.sh").toAbsolutePath().normalize();
        servicesDir = Path.of("target", "pe").toAbsolutePath();
        script("start");
        host = script("env").lines().filter(l -> l.startsWith("export FLEET_IT_DOCKER_HOST="))
                .map(l -> l.substring("export FLEET_IT_DOCKER_HOST=".length())).findFirst().orElseThrow();
        assertThat(host).isNotEqualTo(TestEngine.dockerHost());
    }

    @AfterAll
    static void stopPrivateEngine() throws Exception {
        if (script != null) {
            script("stop");
        }
    }

    @Test
    void anEngineStoppedCleanlyIsUnreachableBecauseItsSocketIsGoneAndIsObservedAgainOnceRestarted()
            throws Exception {
        try (DockerRuntimeInspector inspector = DockerRuntimeInspector.builder().dockerHost(host).build()) {
            DockerCli docker = new DockerCli(host, TestEngine.image());
            docker.running("decky-private-ssh");
            assertThat(observed(inspector)).containsEntry("decky-private-ssh", ContainerStatus.RUNNING);

            script("stop");

            assertThat(reasonOf(inspector.observe())).isEqualTo("docker daemon at " + host
                    + " unreachable: socket " + host.substring("unix://".length()) + " does not exist");

            script("start");

            assertThat(observed(inspector)).doesNotContainKey("decky-private-ssh"); // stop swept the test containers
        }
    }

    @Test
    void aKilledEngineIsUnreachableBecauseItsLeftoverSocketRefusesConnections() throws Exception {
        try (DockerRuntimeInspector inspector = DockerRuntimeInspector.builder().dockerHost(host).build()) {
            assertThat(inspector.observe()).isInstanceOf(RuntimeObservation.Observed.class);
            long pid = Long.parseLong(Files.readString(servicesDir.resolve("docker/docker.pid")).strip());

            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());

            assertThat(Files.exists(Path.of(host.substring("unix://".length())))).as("socket left behind").isTrue();
            assertThat(reasonOf(inspector.observe()))
                    .isEqualTo("docker daemon at " + host + " unreachable: connection refused");

            script("start"); // recovers from the killed run: stale pid file and socket

            assertThat(inspector.observe()).isInstanceOf(RuntimeObservation.Observed.class);
        }
    }

    private static java.util.Map<String, ContainerStatus> observed(DockerRuntimeInspector inspector) {
        return DockerEngineObservationIT.observed(inspector);
    }

    private static String script(String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", script.toString(), command)).redirectErrorStream(true);
        pb.environment().put("FLEET_SERVICES_DIR", servicesDir.toString());
        Path log = Files.createTempFile("docker-sh-", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("docker.sh " + command + " did not finish in 3 min");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("docker.sh " + command + " exited " + p.exitValue() + ": " + out);
            }
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
