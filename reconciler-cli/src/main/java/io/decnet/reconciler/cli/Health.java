package io.decnet.reconciler.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.decnet.reconciler.core.worker.PassOutcome;
import io.decnet.reconciler.core.worker.WorkerStatus;
import io.decnet.reconciler.docker.EventCacheStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code /healthz} verdict: healthy while the worker runs and its last successful pass ended within three
 * intervals. Stateless.
 *
 * @param healthy whether to answer 200 (otherwise 503)
 * @param json the body
 */
record Health(boolean healthy, String json) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int INTERVALS = 3;

    static Health of(WorkerStatus status, Duration interval, Instant now) {
        return of(status, interval, now, null, Optional.empty());
    }

    /**
     * As {@link #of(WorkerStatus, Duration, Instant)}, with the writer lease ({@code "held"},
     * {@code "standby (...)"}) and the Docker event cache's figures, when there are.
     */
    static Health of(WorkerStatus status, Duration interval, Instant now, String writerLease,
            Optional<EventCacheStatus> dockerEvents) {
        Instant lastSuccess = status.lastSuccessAt();
        boolean healthy = status.state() == WorkerStatus.State.RUNNING && lastSuccess != null
                && !lastSuccess.plus(interval.multipliedBy(INTERVALS)).isBefore(now);
        ObjectNode body = JSON.createObjectNode();
        body.put("status", healthy ? "ok" : "unhealthy");
        body.put("worker", status.name());
        body.put("state", status.state().name().toLowerCase(Locale.ROOT));
        body.put("time", now.toString());
        PassOutcome last = status.lastOutcome();
        if (last == null) {
            body.putNull("last_pass");
        } else {
            body.putObject("last_pass")
                    .put("number", last.number())
                    .put("outcome", last.ending().label())
                    .put("started_at", last.startedAt().toString())
                    .put("duration_ms", last.duration().toMillis())
                    .put("summary", Redaction.mask(last.summary()));
        }
        body.put("last_success_at", lastSuccess == null ? null : lastSuccess.toString());
        body.put("consecutive_failures", status.consecutiveFailures());
        body.put("passes", status.passes());
        body.put("failures", status.failures());
        if (writerLease != null) {
            body.put("writer_lease", writerLease);
        }
        dockerEvents.ifPresent(cache -> {
            ObjectNode node = body.putObject("docker_events")
                    .put("connected", cache.connected())
                    .put("trustworthy", cache.trustworthy())
                    .put("containers", cache.containers())
                    .put("events_applied", cache.eventsApplied())
                    .put("reconnects", cache.reconnects())
                    .put("resyncs", cache.resyncs())
                    .put("divergences", cache.divergences())
                    .put("fallbacks", cache.fallbacks());
            node.put("last_event_at", cache.lastEventAt().map(Instant::toString).orElse(null));
            node.put("last_failure", cache.lastFailure().map(Redaction::mask).orElse(null));
        });
        return new Health(healthy, io.decnet.reconciler.api.Printable.json(body.toString()));
    }
}
