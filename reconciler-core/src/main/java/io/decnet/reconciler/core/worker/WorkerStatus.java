package io.decnet.reconciler.core.worker;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a {@link ReconcileWorker}: what heartbeats carry and health checks read.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the worker's name
 * @param at when the snapshot was taken, from the worker's clock
 * @param state where the worker is in its life
 * @param lastOutcome how the last pass ended, or {@code null} before the first one ended
 * @param consecutiveFailures failed passes since the last one that succeeded
 * @param passes passes ended so far (a timed-out pass counts when its deadline passed)
 * @param failures failed passes so far, timed-out ones included
 * @param lastSuccessAt when the last successful pass ended, or {@code null}
 * @param passStartedAt when the pass now running started, or {@code null} if none is running
 * @param nextPassAt when the next pass is scheduled, or {@code null} if none is (a pass is running, or the
 *     worker is not running)
 */
public record WorkerStatus(
        String name,
        Instant at,
        State state,
        PassOutcome lastOutcome,
        int consecutiveFailures,
        long passes,
        long failures,
        Instant lastSuccessAt,
        Instant passStartedAt,
        Instant nextPassAt) {

    /** The life of a worker: {@code NEW -> RUNNING -> STOPPING -> STOPPED} (or {@code NEW -> STOPPED}). */
    public enum State {
        /** Built, not started. */
        NEW,
        /** Running passes. */
        RUNNING,
        /** Asked to stop; the pass in flight is finishing, no new one starts. */
        STOPPING,
        /** Stopped for good. */
        STOPPED
    }

    public WorkerStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(state, "state");
    }

    public Optional<PassOutcome> findLastOutcome() {
        return Optional.ofNullable(lastOutcome);
    }

    public Optional<Instant> findLastSuccessAt() {
        return Optional.ofNullable(lastSuccessAt);
    }

    public Optional<Instant> findPassStartedAt() {
        return Optional.ofNullable(passStartedAt);
    }

    public Optional<Instant> findNextPassAt() {
        return Optional.ofNullable(nextPassAt);
    }
}
