package io.decnet.reconciler.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.core.Reconciler;
import io.decnet.reconciler.core.statefile.StateFileSource;
import io.decnet.reconciler.docker.support.DockerCli;
import io.decnet.reconciler.docker.support.FakeDaemon;
import io.decnet.reconciler.docker.support.TestEngine;
import io.decnet.reconciler.testkit.InMemoryFleetStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the real engine: a DECNET state file, the in-memory fleet store and {@link DockerRuntimeInspector}
 * through {@link Reconciler#reconcileOnce}. Containers are killed and removed for real; the engine "going away"
 * is an inspector pointed at a dead socket and at a daemon that never answers (the shared engine stays up for the
 * other tests).
 */
class ReconcileOnDockerEngineIT {
    private static final String HOST = "it-host";

    @TempDir
    Path dir;

    private DockerCli docker;
    private DockerRuntimeInspector inspector;
    private StateFileSource stateFile;
    private InMemoryFleetStore store;
    private Reconciler reconciler;
    private String alpha;
    private String bravo;
    private String charlie;

    @BeforeEach
    void fleet() throws IOException {
        docker = TestEngine.cli();
        inspector = DockerRuntimeInspector.builder().dockerHost(TestEngine.dockerHost()).build();
        String run = UUID.randomUUID().toString().substring(0, 8);
        alpha = "decky-" + run + "-alpha";
        bravo = "decky-" + run + "-bravo";
        charlie = "decky-" + run + "-charlie";
        Path file = dir.resolve("decnet-state.json");
        Files.writeString(file, stateFile(Map.of(
                alpha, List.of("ssh", "smtp_relay"),
                bravo, List.of("ssh", "http"),
                charlie, List.of("ftp"))));
        stateFile = StateFileSource.of(file);
        store = InMemoryFleetStore.create();
        reconciler = Reconciler.create();

        // DECNET's container names: <decky>-<service, '_' as '-'>.
        docker.running(alpha + "-ssh");
        docker.running(alpha + "-smtp-relay");
        docker.running(bravo + "-ssh");
        docker.running(bravo + "-http");
        docker.running(charlie + "-ftp");
    }

    @AfterEach
    void cleanUp() {
        inspector.close();
        docker.removeAllMade();
    }

    @Test
    void killedContainersTurnTheirDeckyFailedOrDegradedAndRemovedOnesTurnItTornDown() {
        ReconcileReport first = reconciler.reconcileOnce(stateFile, store, inspector, HOST);
        assertThat(first.failed()).as("first pass failed: %s", first.failure()).isFalse();
        assertThat(first.inserted()).isEqualTo(3);
        assertThat(states()).containsExactlyInAnyOrderEntriesOf(Map.of(
                alpha, DeckyState.RUNNING, bravo, DeckyState.RUNNING, charlie, DeckyState.RUNNING));

        docker.kill(alpha + "-ssh");
        docker.kill(alpha + "-smtp-relay");
        docker.kill(bravo + "-http");
        docker.remove(charlie + "-ftp");
        ReconcileReport second = reconciler.reconcileOnce(stateFile, store, inspector, HOST);

        assertThat(second.runtime().usable()).isTrue();
        assertThat(second.stateUpdated()).isEqualTo(3);
        assertThat(second.inserted()).isZero();
        assertThat(second.deleted()).isZero();
        assertThat(states()).containsExactlyInAnyOrderEntriesOf(Map.of(
                alpha, DeckyState.FAILED, bravo, DeckyState.DEGRADED, charlie, DeckyState.TORN_DOWN));

        ReconcileReport third = reconciler.reconcileOnce(stateFile, store, inspector, HOST);
        assertThat(third.hasChanges()).as("a converged pass changes nothing").isFalse();
    }

    @Test
    void restartedContainersTurnTheirDeckyRunningAgain() {
        docker.kill(bravo + "-ssh");
        reconciler.reconcileOnce(stateFile, store, inspector, HOST);
        assertThat(states()).containsEntry(bravo, DeckyState.DEGRADED);

        docker.docker("start", bravo + "-ssh");
        ReconcileReport report = reconciler.reconcileOnce(stateFile, store, inspector, HOST);

        assertThat(report.stateUpdated()).isEqualTo(1);
        assertThat(states()).containsEntry(bravo, DeckyState.RUNNING);
    }

    @Test
    void anEngineThatCannotBeReachedLeavesEveryStateAsItWas() throws IOException {
        docker.kill(alpha + "-ssh");
        docker.remove(charlie + "-ftp");
        reconciler.reconcileOnce(stateFile, store, inspector, HOST);
        List<FleetRow> before = store.rows(HOST);
        assertThat(states()).containsEntry(alpha, DeckyState.DEGRADED).containsEntry(charlie, DeckyState.TORN_DOWN);
        // Reality changes meanwhile, but the reconciler can no longer see it.
        docker.kill(bravo + "-ssh");
        docker.kill(bravo + "-http");

        try (DockerRuntimeInspector dead = DockerRuntimeInspector.builder()
                .unixSocket(dir.resolve("stopped-engine.sock")).build()) {
            ReconcileReport report = reconciler.reconcileOnce(stateFile, store, dead, HOST);

            assertThat(report.runtime().usable()).isFalse();
            assertThat(report.runtime().summary()).contains("does not exist");
            assertThat(report.hasChanges()).isFalse();
            assertThat(store.rows(HOST)).containsExactlyInAnyOrderElementsOf(before);
        }

        try (FakeDaemon silent = FakeDaemon.silentUnix(dir.resolve("hung-engine.sock"));
                DockerRuntimeInspector hung = DockerRuntimeInspector.builder().dockerHost(silent.address())
                        .connectTimeout(Duration.ofMillis(200)).responseTimeout(Duration.ofMillis(500)).build()) {
            ReconcileReport report = reconciler.reconcileOnce(stateFile, store, hung, HOST);

            assertThat(report.runtime().usable()).isFalse();
            assertThat(report.runtime().summary()).contains("did not answer within 700ms");
            assertThat(report.hasChanges()).isFalse();
            assertThat(store.rows(HOST)).containsExactlyInAnyOrderElementsOf(before);
        }

        // Once the engine answers again, the drift it hid is applied.
        ReconcileReport back = reconciler.reconcileOnce(stateFile, store, inspector, HOST);
        assertThat(back.stateUpdated()).isEqualTo(1);
        assertThat(states()).containsEntry(bravo, DeckyState.FAILED);
    }

    private Map<String, DeckyState> states() {
        return store.rows(HOST).stream().collect(Collectors.toMap(FleetRow::name, FleetRow::state));
    }

    /** A decnet-state.json the way DECNET writes it. */
    static String stateFile(Map<String, List<String>> deckies) {
        StringBuilder json = new StringBuilder("{\"config\": {\"mode\": \"unihost\", \"interface\": \"eth0\", "
                + "\"subnet\": \"10.0.0.0/24\", \"gateway\": \"10.0.0.1\", \"deckies\": [");
        int ip = 10;
        String sep = "";
        for (Map.Entry<String, List<String>> d : new java.util.TreeMap<>(deckies).entrySet()) {
            json.append(sep).append("{\"name\": \"").append(d.getKey()).append("\", \"ip\": \"10.0.0.").append(ip++)
                    .append("\", \"services\": [")
                    .append(d.getValue().stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", ")))
                    .append("], \"distro\": \"debian\", \"base_image\": \"debian\", \"hostname\": \"web01\", "
                            + "\"build_base\": \"debian:bookworm-slim\", \"archetype\": null, "
                            + "\"service_config\": {}, \"nmap_os\": \"linux\", \"mutate_interval\": null, "
                            + "\"last_mutated\": 0.0, \"last_login_attempt\": 0.0, \"host_uuid\": null}");
            sep = ", ";
        }
        json.append("], \"log_file\": null, \"ipvlan\": false, \"mutate_interval\": 30}, "
                + "\"compose_path\": \"/var/lib/decnet/decnet-compose.yml\"}");
        return json.toString();
    }
}
