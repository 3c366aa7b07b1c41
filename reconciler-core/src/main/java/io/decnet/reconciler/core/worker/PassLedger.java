package io.decnet.reconciler.core.worker;

import java.time.Instant;

/**
 * The worker's bookkeeping of ended passes: counts, failures in a row, the last outcome and success; the one place
 * these figures are kept (health checks and metrics read them from {@link WorkerStatus}). Not thread-safe (the
 * worker calls it under its lock).
 */
final class PassLedger {
    private long passes;
    private long failures;
    private int consecutiveFailures;
    private PassOutcome lastOutcome;
    private Instant lastSuccessAt;

    void record(PassOutcome outcome) {
        passes++;
        lastOutcome = outcome;
        if (outcome.succeeded()) {
            consecutiveFailures = 0;
            lastSuccessAt = outcome.startedAt().plus(outcome.duration());
        } else {
            failures++;
            consecutiveFailures++;
        }
    }

    int consecutiveFailures() {
        return consecutiveFailures;
    }

    long passes() {
        return passes;
    }

    long failures() {
        return failures;
    }

    WorkerStatus status(String name, Instant at, WorkerStatus.State state, Instant passStartedAt,
            Instant nextPassAt) {
        return new WorkerStatus(name, at, state, lastOutcome, consecutiveFailures, passes, failures, lastSuccessAt,
                passStartedAt, nextPassAt);
    }
}
