package io.decnet.reconciler.spring;

import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.SourceStatus;
import io.decnet.reconciler.core.worker.PassOutcome;
import io.decnet.reconciler.core.worker.WorkerStatus;
import io.decnet.reconciler.jdbi.JdbcUrls;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The worker's health, as the command's {@code /healthz} judges it: {@code UP} while the worker runs and its last
 * successful pass ended within three intervals, {@code UNKNOWN} until the first pass ended, {@code DOWN} when passes
 * keep failing or hang, {@code OUT_OF_SERVICE} once the worker stopped. A pass that could not reach Docker or that
 * stood by for another writer still succeeded (nothing was wrongly written): the details say so
 * ({@code docker: unusable (...)}). A password of the database URL never appears in the details. Thread-safe.
 */
public final class FleetReconcilerHealthIndicator implements HealthIndicator {
    /** How many intervals may pass without a successful pass before the worker is {@code DOWN}. */
    static final int INTERVALS = 3;

    private final Supplier<WorkerStatus> status;
    private final Duration interval;
    private final String dbUrl;

    /**
     * @param status the worker's status, read at each check
     * @param interval the worker's interval
     * @param dbUrl the database's JDBC URL, whose password is masked in the details (may be null)
     */
    public FleetReconcilerHealthIndicator(Supplier<WorkerStatus> status, Duration interval, String dbUrl) {
        this.status = status;
        this.interval = interval;
        this.dbUrl = dbUrl;
    }

    @Override
    public Health health() {
        WorkerStatus s = status.get();
        Health.Builder health = verdict(s, s.at());
        health.withDetail("state", s.state().name().toLowerCase(Locale.ROOT))
                .withDetail("passes", s.passes())
                .withDetail("failures", s.failures())
                .withDetail("consecutiveFailures", s.consecutiveFailures());
        s.findLastSuccessAt().ifPresent(at -> health.withDetail("lastSuccessAt", at.toString()));
        s.findLastOutcome().ifPresent(last -> {
            Map<String, Object> pass = new LinkedHashMap<>();
            pass.put("outcome", last.ending().label());
            pass.put("startedAt", last.startedAt().toString());
            pass.put("durationMs", last.duration().toMillis());
            pass.put("summary", safe(last.summary()));
            health.withDetail("lastPass", pass);
            last.findReport().ifPresent(report -> sources(report, health));
        });
        return health.build();
    }

    private Health.Builder verdict(WorkerStatus s, Instant now) {
        if (s.state() == WorkerStatus.State.STOPPING || s.state() == WorkerStatus.State.STOPPED) {
            return Health.outOfService();
        }
        if (s.state() == WorkerStatus.State.NEW || s.lastOutcome() == null) {
            return Health.unknown().withDetail("reason", "no pass has ended yet");
        }
        Instant lastSuccess = s.lastSuccessAt();
        if (lastSuccess != null && !lastSuccess.plus(interval.multipliedBy(INTERVALS)).isBefore(now)) {
            return Health.up();
        }
        PassOutcome last = s.lastOutcome();
        return Health.down().withDetail("reason", lastSuccess == null
                ? "no pass has succeeded yet"
                : "no pass has succeeded for " + INTERVALS + " intervals (last: " + last.ending().label() + ")");
    }

    private void sources(ReconcileReport report, Health.Builder health) {
        if (report.stateFile().wasRead()) {
            health.withDetail("stateFile", describe(report.stateFile()));
        }
        if (report.runtime().wasRead()) {
            health.withDetail("docker", describe(report.runtime()));
        }
    }

    private String describe(SourceStatus source) {
        return (source.usable() ? "usable (" : "unusable (") + safe(source.summary()) + ")";
    }

    private String safe(String text) {
        return dbUrl == null ? JdbcUrls.mask(text) : JdbcUrls.scrub(text, dbUrl);
    }
}
