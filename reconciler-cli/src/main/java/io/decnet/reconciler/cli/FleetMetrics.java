package io.decnet.reconciler.cli;

import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.SourceStatus;
import io.decnet.reconciler.core.worker.LeasedPass;
import io.decnet.reconciler.core.worker.PassOutcome;
import io.decnet.reconciler.core.worker.WorkerStatus;
import io.decnet.reconciler.docker.EventCacheStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The long-lived mode's metrics, scraped at {@code GET /metrics} in Prometheus text format:
 * <ul>
 *   <li>{@code fleet_reconciler_passes_total{outcome="succeeded|failed|timed_out"}}</li>
 *   <li>{@code fleet_reconciler_pass_duration_seconds} (count, sum, max)</li>
 *   <li>{@code fleet_reconciler_rows_inserted_total}, {@code ..._deleted_total}, {@code ..._state_updated_total},
 *       {@code ..._config_updated_total}, {@code fleet_reconciler_conflicts_total}</li>
 *   <li>{@code fleet_reconciler_docker_usable}, {@code fleet_reconciler_state_file_usable} (1 or 0 at the last pass
 *       that read them; NaN before), {@code fleet_reconciler_consecutive_failures},
 *       {@code fleet_reconciler_last_success_timestamp_seconds}</li>
 * </ul>
 * The last two are the worker's own figures ({@link WorkerStatus}), read at each scrape. With Docker's event stream
 * followed ({@code --docker-events}), also {@code fleet_reconciler_docker_events_connected} and
 * {@code ..._trustworthy} (1 or 0), and the counters {@code fleet_reconciler_docker_events_applied_total},
 * {@code ..._reconnects_total}, {@code ..._resyncs_total}, {@code ..._divergences_total} (containers a periodic resync
 * found different from Docker's list) and {@code ..._fallbacks_total} (passes that had to list the containers).
 * Thread-safe.
 */
final class FleetMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter succeeded = passes("succeeded");
    private final Counter failed = passes("failed");
    private final Counter timedOut = passes("timed_out");
    private final Timer duration = Timer.builder("fleet.reconciler.pass.duration")
            .description("How long passes took (up to the deadline for one that timed out)").register(registry);
    private final Counter inserted = rows("inserted", "Rows inserted");
    private final Counter deleted = rows("deleted", "Rows deleted");
    private final Counter stateUpdated = rows("state.updated", "Rows whose state changed");
    private final Counter configUpdated = rows("config.updated", "Rows whose services, ip or decky_config changed");
    private final Counter conflicts = Counter.builder("fleet.reconciler.conflicts")
            .description("Writes that lost a race with another writer (left to the next pass)").register(registry);
    private volatile double dockerUsable = Double.NaN;
    private volatile double stateFileUsable = Double.NaN;
    private volatile Supplier<WorkerStatus> worker;
    private volatile LeasedPass lease;
    private volatile Supplier<Optional<EventCacheStatus>> dockerEvents = Optional::empty;

    FleetMetrics() {
        Gauge.builder("fleet.reconciler.docker.usable", this, m -> m.dockerUsable)
                .description("1 if the last pass could observe Docker, 0 if not").register(registry);
        Gauge.builder("fleet.reconciler.state.file.usable", this, m -> m.stateFileUsable)
                .description("1 if the last pass could use the state file, 0 if not").register(registry);
        Gauge.builder("fleet.reconciler.consecutive.failures", this, FleetMetrics::consecutiveFailures)
                .description("Failed passes since the last success").register(registry);
        Gauge.builder("fleet.reconciler.last.success.timestamp", this, FleetMetrics::lastSuccessEpochSeconds)
                .baseUnit("seconds").description("When the last successful pass ended (Unix time)")
                .register(registry);
        Gauge.builder("fleet.reconciler.writer.lease.held", this, FleetMetrics::leaseHeld)
                .description("1 if this reconciler got the host's writer lease for its last pass, 0 if another "
                        + "reconciler held it (standby), NaN before the first pass").register(registry);
    }

    /** The worker whose failures and last success the gauges show; before it is set, none and never. */
    void worker(Supplier<WorkerStatus> status) {
        this.worker = status;
    }

    /** The Docker event cache whose figures are shown; registers its meters. Call at most once. */
    void dockerEvents(Supplier<Optional<EventCacheStatus>> status) {
        this.dockerEvents = status;
        Gauge.builder("fleet.reconciler.docker.events.connected", this, m -> flag(m, EventCacheStatus::connected))
                .description("1 while Docker's event stream is open, 0 if not").register(registry);
        Gauge.builder("fleet.reconciler.docker.events.trustworthy", this,
                        m -> flag(m, EventCacheStatus::trustworthy))
                .description("1 while a pass reads the containers from the event-fed cache, 0 while it lists them")
                .register(registry);
        cacheCounter("applied", "Container events applied to the cache", EventCacheStatus::eventsApplied);
        cacheCounter("reconnects", "Times the event stream was opened again", EventCacheStatus::reconnects);
        cacheCounter("resyncs", "Periodic comparisons of the cache with a list call", EventCacheStatus::resyncs);
        cacheCounter("divergences", "Containers a resync found different from Docker's list (then repaired)",
                EventCacheStatus::divergences);
        cacheCounter("fallbacks", "Observations that listed the containers because the cache was not trustworthy",
                EventCacheStatus::fallbacks);
    }

    /** The Docker event cache's figures now, if one is followed. */
    Optional<EventCacheStatus> dockerEventsStatus() {
        return dockerEvents.get();
    }

    private static double flag(FleetMetrics m, Predicate<EventCacheStatus> test) {
        return m.dockerEvents.get().map(status -> test.test(status) ? 1.0 : 0.0).orElse(Double.NaN);
    }

    private void cacheCounter(String name, String description, ToLongFunction<EventCacheStatus> value) {
        FunctionCounter.builder("fleet.reconciler.docker.events." + name, this,
                        m -> m.dockerEvents.get().map(value::applyAsLong).orElse(0L))
                .description(description).register(registry);
    }

    /** The lease whose state {@code fleet_reconciler_writer_lease_held} and {@code /healthz} show. */
    void writerLease(LeasedPass lease) {
        this.lease = lease;
    }

    /** The writer lease for a person ({@code held}, {@code standby (...)}), or {@code null} when none is used. */
    String writerLeaseDescription() {
        LeasedPass l = lease;
        return l == null ? null : l.describe();
    }

    private double consecutiveFailures() {
        Supplier<WorkerStatus> w = worker;
        return w == null ? 0 : w.get().consecutiveFailures();
    }

    private double lastSuccessEpochSeconds() {
        Supplier<WorkerStatus> w = worker;
        return w == null ? Double.NaN
                : w.get().findLastSuccessAt().map(at -> at.toEpochMilli() / 1000.0).orElse(Double.NaN);
    }

    private double leaseHeld() {
        LeasedPass l = lease;
        if (l == null) {
            return Double.NaN;
        }
        return switch (l.state()) {
            case HELD -> 1;
            case BUSY -> 0;
            case NOT_TRIED, UNAVAILABLE -> Double.NaN;
        };
    }

    /** Counts what a pass wrote and what it could read; returns the report (to wrap a pass). */
    ReconcileReport record(ReconcileReport report) {
        inserted.increment(report.inserted());
        deleted.increment(report.deleted());
        stateUpdated.increment(report.stateUpdated());
        configUpdated.increment(report.configUpdated());
        conflicts.increment(report.conflicts());
        if (report.stateFile().wasRead()) {
            stateFileUsable = report.stateFile().usable() ? 1 : 0;
        }
        if (report.runtime().wasRead()) {
            dockerUsable = report.runtime().usable() ? 1 : 0;
        }
        return report;
    }

    /** Counts a pass's outcome, as the worker reports it. */
    void record(PassOutcome outcome) {
        (outcome.succeeded() ? succeeded : outcome.timedOut() ? timedOut : failed).increment();
        duration.record(outcome.duration());
    }

    /** Everything, in Prometheus text format 0.0.4. */
    String scrape() {
        return registry.scrape();
    }

    void close() {
        registry.close();
    }

    private Counter passes(String outcome) {
        return Counter.builder("fleet.reconciler.passes").tag("outcome", outcome)
                .description("Passes run, by outcome").register(registry);
    }

    private Counter rows(String what, String description) {
        return Counter.builder("fleet.reconciler.rows." + what).description(description).register(registry);
    }
}
