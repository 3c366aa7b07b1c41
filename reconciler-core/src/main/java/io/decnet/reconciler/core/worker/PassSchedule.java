package io.decnet.reconciler.core.worker;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When the next pass runs: the interval after a success, a capped exponential backoff while failures repeat, each
 * wait with its jitter; and, for triggers, once they have been quiet for {@code triggerQuiet} but no later than
 * {@code triggerMaxDelay} after the first one (a burst of triggers makes one pass per {@code triggerMaxDelay}).
 * Pure but for the random source; not thread-safe (the worker calls it under its lock).
 */
final class PassSchedule {
    private final WorkerConfig config;
    private final RandomGenerator random;

    PassSchedule(WorkerConfig config, RandomGenerator random) {
        this.config = config;
        this.random = random;
    }

    /** The wait before the next periodic pass, once a pass ended with {@code consecutiveFailures} in a row. */
    Duration afterPass(int consecutiveFailures) {
        Duration base = consecutiveFailures == 0
                ? config.interval()
                : Delays.backoff(config.backoffInitial(), config.backoffMax(), consecutiveFailures);
        return Delays.jitter(base, config.jitter(), random);
    }

    /**
     * The wait, from {@code nowNanos}, before the pass that serves the triggers made since {@code firstNanos}, the
     * latest at {@code lastNanos} (all monotonic readings). No jitter: a trigger is already a reaction to something.
     */
    Duration afterTriggers(long firstNanos, long lastNanos, long nowNanos) {
        long due = Math.min(lastNanos + config.triggerQuiet().toNanos(),
                firstNanos + config.triggerMaxDelay().toNanos());
        return Duration.ofNanos(Math.max(0, due - nowNanos));
    }
}
