package io.decnet.reconciler.core.worker;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** The worker's waits: capped exponential backoff and jitter. Stateless. */
final class Delays {
    private Delays() {
    }

    /** {@code initial * 2^(failures-1)}, capped at {@code max}; {@code failures >= 1}. */
    static Duration backoff(Duration initial, Duration max, int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 62);
        long nanos = initial.toNanos();
        for (int i = 0; i < doublings && nanos < max.toNanos(); i++) {
            nanos = nanos > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : nanos * 2;
        }
        return Duration.ofNanos(Math.min(nanos, max.toNanos()));
    }

    /** {@code delay} stretched or shrunk by a uniform random factor in {@code [1 - fraction, 1 + fraction)}. */
    static Duration jitter(Duration delay, double fraction, RandomGenerator random) {
        if (fraction == 0 || delay.isZero()) {
            return delay;
        }
        double factor = 1 + random.nextDouble(-fraction, fraction);
        return Duration.ofNanos(Math.round(delay.toNanos() * factor));
    }
}
