package io.decnet.reconciler.docker;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A reading of an event-fed {@link DockerRuntimeInspector}'s cache, for health checks and metrics; counters count
 * from the inspector's creation.
 *
 * <p>Immutable and thread-safe.
 *
 * @param connected whether the event stream is open now
 * @param trustworthy whether {@link DockerRuntimeInspector#observe()} would answer from the cache now (rather than
 *     with a list call)
 * @param containers containers in the view as last published
 * @param eventsApplied container events applied to the view
 * @param reconnects times the event stream was opened again after the first time
 * @param resyncs resyncs completed (a list call compared with the view)
 * @param divergences containers a resync found different from the daemon's list (and repaired), summed over resyncs
 * @param fallbacks observations answered by a list call because the cache was not trustworthy
 * @param lastEventAt when the last event was applied (this host's clock), if any was
 * @param lastFailure why the stream last broke or a rebuild or resync last failed, if it ever did
 */
public record EventCacheStatus(
        boolean connected,
        boolean trustworthy,
        int containers,
        long eventsApplied,
        long reconnects,
        long resyncs,
        long divergences,
        long fallbacks,
        Optional<Instant> lastEventAt,
        Optional<String> lastFailure) {

    public EventCacheStatus {
        Objects.requireNonNull(lastEventAt, "lastEventAt");
        Objects.requireNonNull(lastFailure, "lastFailure");
    }
}
