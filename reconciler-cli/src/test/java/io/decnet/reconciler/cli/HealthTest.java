package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decnet.reconciler.api.Failure;
import io.decnet.reconciler.core.worker.PassOutcome;
import io.decnet.reconciler.core.worker.WorkerStatus;
import io.decnet.reconciler.docker.EventCacheStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthTest {
    private static final Instant NOW = Instant.parse("2024-01-01T12:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private static WorkerStatus status(WorkerStatus.State state, Instant lastSuccess, PassOutcome last, int fails) {
        return new WorkerStatus("reconciler", NOW, state, last, fails, 5, fails, lastSuccess, null, null);
    }

    @Test
    void healthyWhileTheLastSuccessIsWithinThreeIntervals() {
        assertThat(Health.of(status(WorkerStatus.State.RUNNING, NOW.minusSeconds(90), null, 0), INTERVAL, NOW)
                .healthy()).isTrue();
        assertThat(Health.of(status(WorkerStatus.State.RUNNING, NOW.minusSeconds(91), null, 0), INTERVAL, NOW)
                .healthy()).isFalse();
    }

    @Test
    void unhealthyBeforeAnyPassSucceededAndOnceStopping() {
        assertThat(Health.of(status(WorkerStatus.State.RUNNING, null, null, 0), INTERVAL, NOW).healthy()).isFalse();
        assertThat(Health.of(status(WorkerStatus.State.STOPPING, NOW, null, 0), INTERVAL, NOW).healthy()).isFalse();
    }

    @Test
    void theBodyCarriesTheLastPassAndTheFailureCountWithPasswordsMasked() throws IOException {
        PassOutcome failed = new PassOutcome(7, NOW.minusSeconds(5), Duration.ofMillis(1500), null,
                new Failure(Failure.Kind.STORE, "cannot connect to jdbc:postgresql://db/x?password=secret"));
        Health h = Health.of(status(WorkerStatus.State.RUNNING, NOW.minusSeconds(60), failed, 2), INTERVAL, NOW);

        JsonNode body = new ObjectMapper().readTree(h.json());
        assertThat(body.get("status").asText()).isEqualTo("ok");
        assertThat(body.get("worker").asText()).isEqualTo("reconciler");
        assertThat(body.get("consecutive_failures").asInt()).isEqualTo(2);
        assertThat(body.get("last_pass").get("outcome").asText()).isEqualTo("failed");
        assertThat(body.get("last_pass").get("duration_ms").asLong()).isEqualTo(1500);
        assertThat(body.get("last_pass").get("summary").asText()).contains("password=***").doesNotContain("secret");
    }

    @Test
    void theDockerEventCacheIsInTheBodyWhenFollowedWithItsLastFailureMasked() throws IOException {
        EventCacheStatus cache = new EventCacheStatus(false, false, 12, 40, 2, 3, 1, 7,
                Optional.of(NOW.minusSeconds(2)), Optional.of("stream to tcp://u:secret@docker:2376 broke"));
        Health h = Health.of(status(WorkerStatus.State.RUNNING, NOW, null, 0), INTERVAL, NOW, "held",
                Optional.of(cache));

        JsonNode events = new ObjectMapper().readTree(h.json()).get("docker_events");
        assertThat(events.get("connected").asBoolean()).isFalse();
        assertThat(events.get("trustworthy").asBoolean()).isFalse();
        assertThat(events.get("containers").asInt()).isEqualTo(12);
        assertThat(events.get("events_applied").asLong()).isEqualTo(40);
        assertThat(events.get("reconnects").asLong()).isEqualTo(2);
        assertThat(events.get("divergences").asLong()).isEqualTo(1);
        assertThat(events.get("fallbacks").asLong()).isEqualTo(7);
        assertThat(events.get("last_event_at").asText()).isEqualTo(NOW.minusSeconds(2).toString());
        assertThat(events.get("last_failure").asText()).doesNotContain("secret");
        assertThat(new ObjectMapper().readTree(Health.of(status(WorkerStatus.State.RUNNING, NOW, null, 0), INTERVAL,
                NOW).json()).has("docker_events")).isFalse();
    }
}
