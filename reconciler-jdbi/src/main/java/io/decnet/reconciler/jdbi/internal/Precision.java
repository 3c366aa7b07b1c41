package io.decnet.reconciler.jdbi.internal;

import java.time.Duration;
import java.time.Instant;

/** Truncation of instants to what a timestamp column holds. Stateless, thread-safe. */
final class Precision {
    static final long MICROS = 1_000L;
    private static final long SECOND = 1_000_000_000L;

    private Precision() {
    }

    /** The precision, in nanoseconds, of a column with {@code fractionalDigits} digits (0 to 6; more means 6). */
    static long ofFractionalDigits(int fractionalDigits) {
        long nanos = SECOND;
        for (int i = 0; i < Math.min(Math.max(fractionalDigits, 0), 6); i++) {
            nanos /= 10;
        }
        return nanos;
    }

    /** {@code instant} truncated to {@code precisionNanos}, which divides a second. */
    static Instant truncate(Instant instant, long precisionNanos) {
        return Instant.ofEpochSecond(instant.getEpochSecond(), instant.getNano() - instant.getNano() % precisionNanos);
    }

    static Duration asDuration(long precisionNanos) {
        return Duration.ofNanos(precisionNanos);
    }
}
