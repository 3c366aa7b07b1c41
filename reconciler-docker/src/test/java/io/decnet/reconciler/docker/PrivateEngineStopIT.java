package io.decnet.reconciler.docker;

import static io.decnet.reconciler.docker.UnreachableDaemonTest.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.DesiredFleet;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.StateSource;
import io.decnet.reconciler.core.Reconciler;
import io.decnet.reconciler.core.statefile.StateFileSource;
import io.decnet.reconciler.testkit.InMemoryFleetStore;
import io.decnet.reconciler.api.RuntimeObservation;
import io.decnet.reconciler.docker.support.DockerCli;
import io.decnet.reconciler.docker.support.PrivateEngine;
import io.decnet.reconciler.docker.support.TestEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real engine really stopping: a second, private dockerd started with {@code scripts/services/docker.sh} in its
 * own services directory (the shared engine the other tests use stays up), stopped cleanly and killed.
 */
class PrivateEngineStopIT {
    private static PrivateEngine engine;
    private static Path servicesDir;
    private static String host;

    @BeforeAll
    static void startPrivateEngine() throws Exception {
        TestEngine.dockerHost(); // the machine has what engines need (fails in CI, skips locally otherwise)
        engine = new PrivateEngine(Path.of("target", "pe"));
        servicesDir = engine.servicesDir();
        script("start");
        host = engine.host();
        assertThat(host).isNotEqualTo(TestEngine.dockerHost());
    }

    @AfterAll
    static void stopPrivateEngine() throws Exception {
        if (engine != null) {
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

    /**
     * The engine killed between the pass's state-file read and its Docker read, and started again before the next
     * pass: the pass in flight applies the deploy it planned (an insert) but changes no state because of the dead
     * engine, and reports why; the next pass sets every state from what the restarted engine reports.
     */
    @Test
    void anEngineKilledMidPassChangesNoStateThatPassAndTheNextPassFollowsTheRestartedEngine(@TempDir Path dir)
            throws Exception {
        DockerCli docker = new DockerCli(host, TestEngine.image());
        docker.running("decky-mp-alpha-ssh");
        docker.running("decky-mp-bravo-ssh");
        Path file = dir.resolve("decnet-state.json");
        Files.writeString(file, ReconcileOnDockerEngineIT.stateFile(Map.of(
                "decky-mp-alpha", List.of("ssh"), "decky-mp-bravo", List.of("ssh"))));
        InMemoryFleetStore store = InMemoryFleetStore.create();
        Reconciler reconciler = Reconciler.create();
        try (DockerRuntimeInspector inspector = DockerRuntimeInspector.builder().dockerHost(host).build()) {
            StateFileSource stateFile = StateFileSource.of(file);
            assertThat(reconciler.reconcileOnce(stateFile, store, inspector, "h").inserted()).isEqualTo(2);
            assertThat(states(store)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "decky-mp-alpha", DeckyState.RUNNING, "decky-mp-bravo", DeckyState.RUNNING));

            Files.writeString(file, ReconcileOnDockerEngineIT.stateFile(Map.of("decky-mp-alpha", List.of("ssh"),
                    "decky-mp-bravo", List.of("ssh"), "decky-mp-charlie", List.of("ssh"))));
            StateSource killingTheEngine = () -> {
                DesiredFleet fleet = stateFile.read();
                killEngine();
                return fleet;
            };
            ReconcileReport during = reconciler.reconcileOnce(killingTheEngine, store, inspector, "h");

            assertThat(during.failed()).isFalse();
            assertThat(during.runtime().usable()).isFalse();
            assertThat(during.runtime().summary()).contains("connection refused");
            assertThat(during.inserted()).isEqualTo(1);
            assertThat(during.stateUpdated()).isZero();
            assertThat(states(store)).containsEntry("decky-mp-alpha", DeckyState.RUNNING)
                    .containsEntry("decky-mp-bravo", DeckyState.RUNNING).containsKey("decky-mp-charlie");

            script("start");
            Map<String, DeckyState> expected = new java.util.HashMap<>();
            for (String decky : List.of("decky-mp-alpha", "decky-mp-bravo")) {
                expected.put(decky, docker.state(decky + "-ssh").equals("running") ? DeckyState.RUNNING
                        : DeckyState.FAILED);
            }
            expected.put("decky-mp-charlie", DeckyState.TORN_DOWN); // no container was ever made for it
            ReconcileReport after = reconciler.reconcileOnce(stateFile, store, inspector, "h");

            assertThat(after.runtime().usable()).isTrue();
            assertThat(states(store)).containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(reconciler.reconcileOnce(stateFile, store, inspector, "h").hasChanges())
                    .as("converged").isFalse();
        } finally {
            docker.removeAllMade();
        }
    }

    private static void killEngine() {
        try {
            long pid = Long.parseLong(Files.readString(servicesDir.resolve("docker/docker.pid")).strip());
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, DeckyState> states(InMemoryFleetStore store) {
        Map<String, DeckyState> states = new java.util.HashMap<>();
        for (FleetRow row : store.rows("h")) {
            states.put(row.name(), row.state());
        }
        return states;
    }

    private static java.util.Map<String, ContainerStatus> observed(DockerRuntimeInspector inspector) {
        return DockerEngineObservationIT.observed(inspector);
    }

    private static String script(String command) throws IOException, InterruptedException {
        return engine.script(command);
    }
}
