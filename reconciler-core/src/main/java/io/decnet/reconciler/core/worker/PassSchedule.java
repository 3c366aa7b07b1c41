package io.decnet.reconciler.core.worker;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When the next pass runs: the interval after a success, a capped exponential backoff while failures repeat, at
 * once when a trigger came during the pass; every wait with its jitter. Pure but for the random source; not
 * thread-safe (the worker calls it under its lock).
 */
final class PassSchedule {
    private final WorkerConfig config;
    private final RandomGenerator random;

    PassSchedule(WorkerConfig config, RandomGenerator random) {
        this.config = config;
        this.random = random;
    }

    /** The wait before the next pass, once a pass ended with {@code consecutiveFailures} failures in a row. */
    Duration afterPass(int consecutiveFailures, boolean triggeredMeanwhile) {
        if (triggeredMeanwhile) {
            return Duration.ZERO;
        }
        Duration base = consecutiveFailures == 0
                ? config.interval()
                : Delays.backoff(config.backoffInitial(), config.backoffMax(), consecutiveFailures);
        return Delays.jitter(base, config.jitter(), random);
    }
}
