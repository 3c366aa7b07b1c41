package io.decnet.reconciler.core.worker;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When the next pass runs: the interval after a success, a capped exponential backoff while failures repeat, each
 * wait with its jitter; and, for triggers, once they have been quiet for {@code triggerQuiet} but no later than a
 * max delay after the first one. The max delay starts at {@code triggerMaxDelay} and doubles for each pass a burst
 * forced (triggers still coming, no quiet gap), up to {@code triggerBurstMaxDelay}; a pass that found its quiet
 * gap sets it back. So a lone event is served within {@code triggerQuiet}, and a burst of any length makes a few
 * passes (with the defaults: at 1, 3, 7, 15, 30, 45, ... s, and one when it ends), not one per second.
 * Not thread-safe (the worker calls it under its lock).
 */
final class PassSchedule {
    private final WorkerConfig config;
    private final RandomGenerator random;
    private long maxDelayNanos;

    PassSchedule(WorkerConfig config, RandomGenerator random) {
        this.config = config;
        this.random = random;
        this.maxDelayNanos = config.triggerMaxDelay().toNanos();
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
        long due = Math.min(lastNanos + config.triggerQuiet().toNanos(), firstNanos + maxDelayNanos);
        return Duration.ofNanos(Math.max(0, due - nowNanos));
    }

    /**
     * A pass that serves triggers starts at {@code nowNanos}, the latest trigger having come at {@code lastNanos}:
     * if it came within the quiet time, the burst forced this pass and the next max delay doubles (up to the burst
     * cap); otherwise the burst is over and the max delay is back to {@code triggerMaxDelay}.
     */
    void triggeredPassStarts(long lastNanos, long nowNanos) {
        boolean forced = nowNanos - lastNanos < config.triggerQuiet().toNanos();
        maxDelayNanos = forced ? Math.min(2 * maxDelayNanos, config.triggerBurstMaxDelay().toNanos())
                : config.triggerMaxDelay().toNanos();
    }

    /** The max delay a trigger now waits at most after the first one (for tests and the status). */
    Duration maxDelay() {
        return Duration.ofNanos(maxDelayNanos);
    }
}
