package io.decnet.reconciler.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The one source of time of a reconciler and its worker: wall time for timestamps (rows, reports, statuses), and
 * a monotonic reading for durations (phases, passes, deadlines), which never goes back when the wall clock is set
 * back. The testkit's {@code ManualClock} is one, so a test moves both by advancing it; nothing has to sleep.
 *
 * <p>Implementations must be thread-safe.
 */
public interface TimeSource {

    /** The wall time now. */
    Instant instant();

    /** A monotonic reading in nanoseconds, like {@link System#nanoTime()}: only differences mean something. */
    long monotonicNanos();

    /** The time elapsed since {@code startNanos}, a value of {@link #monotonicNanos()}; never negative. */
    default Duration since(long startNanos) {
        return Duration.ofNanos(Math.max(0, monotonicNanos() - startNanos));
    }

    /** The machine's time: the UTC system clock and {@link System#nanoTime()}. */
    static TimeSource system() {
        return of(Clock.systemUTC());
    }

    /**
     * {@code clock} itself when it is a time source (the testkit's {@code ManualClock}); otherwise its wall time
     * with {@link System#nanoTime()} for durations (a fixed or offset {@link Clock} says nothing about elapsed time).
     */
    static TimeSource of(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        if (clock instanceof TimeSource time) {
            return time;
        }
        return new TimeSource() {
            @Override
            public Instant instant() {
                return clock.instant();
            }

            @Override
            public long monotonicNanos() {
                return System.nanoTime();
            }

            @Override
            public String toString() {
                return "TimeSource[" + clock + ", System.nanoTime()]";
            }
        };
    }
}
