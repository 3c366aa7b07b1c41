package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decnet.reconciler.api.Failure;
import io.decnet.reconciler.core.worker.PassOutcome;
import io.decnet.reconciler.core.worker.WorkerStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
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
}
