package io.decnet.reconciler.docker.internal.watch;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with jitter for reconnecting the event stream: attempt {@code n} (from 0) waits a
 * random time between half and all of {@code min(max, initial * 2^n)}, so that many reconcilers that lost the same
 * daemon do not all come back at the same instant, and none ever waits zero.
 *
 * <p>Immutable and thread-safe (the random source passed in need not be).
 *
 * @param initial the base delay of the first attempt
 * @param max the cap on the base delay
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max; was " + initial + ", " + max);
        }
    }

    /** The wait before attempt {@code attempt} (0 for the first reconnect after a break). */
    public Duration delay(int attempt, RandomGenerator random) {
        long capNanos = max.toNanos();
        long base = initial.toNanos();
        for (int i = 0; i < attempt && base < capNanos; i++) {
            base = base > capNanos / 2 ? capNanos : base * 2;
        }
        base = Math.min(base, capNanos);
        long half = base / 2;
        return Duration.ofNanos(half + (half == 0 ? 0 : random.nextLong(base - half + 1)));
    }
}
