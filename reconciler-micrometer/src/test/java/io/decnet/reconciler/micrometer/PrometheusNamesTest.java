package io.decnet.reconciler.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.PhaseTimings;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.SourceStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names a Prometheus registry gives the meters (the ones docs and dashboards use). */
class PrometheusNamesTest {

    @Test
    void theMetersScrapeUnderTheDocumentedNames() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ReconcilerMetrics metrics = ReconcilerMetrics.create();
        metrics.bindTo(registry);
        metrics.record(new ReconcileReport("local", Instant.parse("2026-01-01T00:00:00Z"), false,
                SourceStatus.notRead(), SourceStatus.notRead(), List.of(), List.of(), null, PhaseTimings.NONE),
                Duration.ofMillis(250));

        assertThat(registry.scrape()).contains(
                "fleet_reconciler_passes_total{outcome=\"succeeded\"} 1.0",
                "fleet_reconciler_pass_duration_seconds_bucket{le=",
                "fleet_reconciler_pass_duration_seconds_count 1",
                "fleet_reconciler_changes_total{kind=\"state_update\"} 0.0",
                "fleet_reconciler_skips_total{reason=\"runtime_unreachable\"} 0.0",
                "fleet_reconciler_conflicts_total 0.0",
                "fleet_reconciler_last_success_timestamp_seconds 1.76722560025E9",
                "fleet_reconciler_consecutive_failures 0.0",
                "fleet_reconciler_docker_usable NaN",
                "fleet_reconciler_writer_lease_held 1.0",
                "fleet_reconciler_build_info{version=\"" + ReconcilerMetrics.version() + "\"} 1");
    }
}
