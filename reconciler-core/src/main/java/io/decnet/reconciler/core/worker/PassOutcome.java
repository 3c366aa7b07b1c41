package io.decnet.reconciler.core.worker;

import io.decnet.reconciler.api.Failure;
import io.decnet.reconciler.api.ReconcileReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How one pass of a {@link ReconcileWorker} ended.
 *
 * <p>A pass fails when its report says so ({@link ReconcileReport#failure()}), when it throws
 * ({@link Failure.Kind#INTERNAL}), or when it is still running at its deadline ({@link Failure.Kind#TIMEOUT}; the
 * outcome is then reported at the deadline, without a report).
 *
 * <p>Immutable and thread-safe.
 *
 * @param number the pass's number, from 1, in the order passes started
 * @param startedAt when it started, from the worker's clock
 * @param duration how long it ran (up to the deadline, for a pass that timed out)
 * @param report what it did, or {@code null} if it threw or timed out
 * @param failure why it failed, or {@code null} if it succeeded
 */
public record PassOutcome(long number, Instant startedAt, Duration duration, ReconcileReport report,
        Failure failure) {

    public PassOutcome {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        if (report == null && failure == null) {
            throw new IllegalArgumentException("a pass outcome needs a report or a failure");
        }
    }

    /** How a pass ended: the one classification health checks, metrics and logs all use. */
    public enum Ending {
        /** Ran to its end without failing. */
        SUCCEEDED("succeeded"),
        /** Failed (its report has a failure, or it threw). */
        FAILED("failed"),
        /** Was still running at its deadline. */
        TIMED_OUT("timed_out");

        private final String label;

        Ending(String label) {
            this.label = label;
        }

        /** The name in health bodies and metric tags: {@code succeeded}, {@code failed}, {@code timed_out}. */
        public String label() {
            return label;
        }
    }

    /** How the pass ended. */
    public Ending ending() {
        return failure == null ? Ending.SUCCEEDED
                : failure.kind() == Failure.Kind.TIMEOUT ? Ending.TIMED_OUT : Ending.FAILED;
    }

    /** Whether the pass ran to its end without failing. */
    public boolean succeeded() {
        return ending() == Ending.SUCCEEDED;
    }

    /** Whether the pass was still running at its deadline. */
    public boolean timedOut() {
        return ending() == Ending.TIMED_OUT;
    }

    public Optional<ReconcileReport> findReport() {
        return Optional.ofNullable(report);
    }

    public Optional<Failure> findFailure() {
        return Optional.ofNullable(failure);
    }

    /** One line for a log: the counts line when it succeeded, the failure otherwise. */
    public String summary() {
        if (failure != null) {
            return failure.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + failure.message();
        }
        return report.countsLine();
    }
}
