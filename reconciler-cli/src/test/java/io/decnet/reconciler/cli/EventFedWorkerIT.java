package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decnet.reconciler.testkit.junit.ExternalService;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real long-lived command on the real engine, with an interval of five minutes so that only Docker's events
 * can explain a prompt pass: a killed container's row changes within seconds, and a restarted one's back; the
 * passes read the containers from the event-fed cache (no fallback list calls while the stream is up), which
 * {@code /healthz} and {@code /metrics} show.
 */
class EventFedWorkerIT {
    private static final int DECKIES = 4;

    @TempDir
    Path dir;

    @Test
    void aContainerChangeReachesTheTableWithinSecondsThoughTheIntervalIsFiveMinutes() throws Exception {
        String how = "run: scripts/services/docker.sh start && eval \"$(scripts/services/docker.sh env)\"";
        String dockerHost = ExternalService.requireEnv("FLEET_IT_DOCKER_HOST", how);
        String image = ExternalService.requireEnv("FLEET_IT_DOCKER_IMAGE", how);
        String run = "ev" + UUID.randomUUID().toString().substring(0, 6);
        Path db = dir.resolve("decnet.db");
        List<String> deckies = new ArrayList<>();
        for (int i = 0; i < DECKIES; i++) {
            deckies.add(run + "-" + i);
        }
        Path state = StateFiles.write(dir.resolve("decnet-state.json"),
                deckies.stream().map(d -> d + ":ssh").toArray(String[]::new));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (Containers containers = new Containers(dockerHost, image)) {
            for (String d : deckies) {
                containers.running(d + "-ssh");
            }
            CliProcess worker = CliProcess.start(dir, Map.of("DOCKER_HOST", dockerHost), "reconcile", "--interval",
                    "300", "--state", state.toString(), "--db", "jdbc:sqlite:" + db, "--host-uuid", "local",
                    "--health-port", Integer.toString(port));
            try {
                worker.awaitUntil("every decky inserted as running", 60,
                        () -> FleetTable.states(db, "local").values().stream().filter("running"::equals).count()
                                == DECKIES);

                for (String d : deckies.subList(0, 2)) {
                    long t0 = System.nanoTime();
                    containers.kill(d + "-ssh");
                    worker.awaitUntil(d + " failed after its container was killed", 10,
                            () -> "failed".equals(FleetTable.states(db, "local").get(d)));
                    System.out.printf("kill -> row of %s: %d ms%n", d,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                    containers.start(d + "-ssh");
                    worker.awaitUntil(d + " running again after its container was started", 10,
                            () -> "running".equals(FleetTable.states(db, "local").get(d)));
                }

                JsonNode events = new ObjectMapper().readTree(CliProcess.httpGet(port, "/healthz")).get("docker_events");
                assertThat(events).as("/healthz docker_events").isNotNull();
                assertThat(events.get("connected").asBoolean()).isTrue();
                assertThat(events.get("trustworthy").asBoolean()).isTrue();
                assertThat(events.get("events_applied").asLong()).isGreaterThanOrEqualTo(4);
                assertThat(events.get("fallbacks").asLong()).as("passes that had to list the containers")
                        .isZero();
                assertThat(CliProcess.httpGet(port, "/metrics")).contains("fleet_reconciler_docker_events_connected 1.0",
                        "fleet_reconciler_docker_events_fallbacks_total 0.0");
                assertThat(worker.stderrSoFar()).contains("a container changes");
            } finally {
                worker.terminate();
                assertThat(worker.await(60).code()).isZero();
            }
        }
    }
}
