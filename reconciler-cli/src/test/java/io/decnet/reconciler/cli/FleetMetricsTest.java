package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.Failure;
import io.decnet.reconciler.core.worker.PassOutcome;
import io.decnet.reconciler.core.worker.WorkerStatus;
import io.decnet.reconciler.docker.EventCacheStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FleetMetricsTest {
    private static final Instant NOW = Instant.parse("2024-01-01T12:00:00Z");

    private final FleetMetrics metrics = new FleetMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    private static WorkerStatus status(int consecutiveFailures, Instant lastSuccessAt) {
        return new WorkerStatus("reconciler", NOW, WorkerStatus.State.RUNNING, null, consecutiveFailures, 5,
                consecutiveFailures, lastSuccessAt, null, null);
    }

    @Test
    void beforeTheWorkerIsKnownThereAreNoFailuresAndNoSuccess() {
        assertThat(metrics.scrape()).contains("fleet_reconciler_consecutive_failures 0.0",
                "fleet_reconciler_last_success_timestamp_seconds NaN");
    }

    @Test
    void failuresInARowAndTheLastSuccessAreTheWorkersOwnReadAtEachScrape() {
        AtomicReference<WorkerStatus> worker = new AtomicReference<>(status(0, null));
        metrics.worker(worker::get);
        assertThat(metrics.scrape()).contains("fleet_reconciler_consecutive_failures 0.0",
                "fleet_reconciler_last_success_timestamp_seconds NaN");

        worker.set(status(2, Instant.parse("2024-01-01T11:59:00.250Z")));

        assertThat(metrics.scrape()).contains("fleet_reconciler_consecutive_failures 2.0",
                "fleet_reconciler_last_success_timestamp_seconds 1.70411034025E9");
    }

    @Test
    void passOutcomesAreCountedByOutcomeWithTheirDuration() {
        metrics.record(new PassOutcome(1, NOW, Duration.ofMillis(1500), null,
                new Failure(Failure.Kind.TIMEOUT, "pass 1 exceeded its deadline")));
        metrics.record(new PassOutcome(2, NOW, Duration.ofMillis(500), null,
                new Failure(Failure.Kind.STORE, "database down")));

        assertThat(metrics.scrape()).contains("fleet_reconciler_passes_total{outcome=\"timed_out\"} 1.0",
                "fleet_reconciler_passes_total{outcome=\"failed\"} 1.0",
                "fleet_reconciler_passes_total{outcome=\"succeeded\"} 0.0",
                "fleet_reconciler_pass_duration_seconds_count 2", "fleet_reconciler_pass_duration_seconds_sum 2.0");
    }

    @Test
    void theDockerEventCacheIsShownOnlyWhenFollowedAndReadAtEachScrape() {
        assertThat(metrics.scrape()).doesNotContain("fleet_reconciler_docker_events");
        AtomicReference<EventCacheStatus> cache = new AtomicReference<>(new EventCacheStatus(true, true, 4, 10, 0,
                1, 0, 1, Optional.of(NOW), Optional.empty()));
        metrics.dockerEvents(() -> Optional.of(cache.get()));
        assertThat(metrics.scrape()).contains("fleet_reconciler_docker_events_connected 1.0",
                "fleet_reconciler_docker_events_trustworthy 1.0", "fleet_reconciler_docker_events_applied_total 10.0",
                "fleet_reconciler_docker_events_divergences_total 0.0");

        cache.set(new EventCacheStatus(false, false, 4, 12, 1, 2, 3, 5, Optional.of(NOW),
                Optional.of("stream broke")));

        assertThat(metrics.scrape()).contains("fleet_reconciler_docker_events_connected 0.0",
                "fleet_reconciler_docker_events_trustworthy 0.0", "fleet_reconciler_docker_events_applied_total 12.0",
                "fleet_reconciler_docker_events_reconnects_total 1.0",
                "fleet_reconciler_docker_events_resyncs_total 2.0",
                "fleet_reconciler_docker_events_divergences_total 3.0",
                "fleet_reconciler_docker_events_fallbacks_total 5.0");
    }
}
