package io.decnet.reconciler.testkit.time;

import io.decnet.reconciler.api.TimeSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that moves only when the test moves it.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.create();      // 2024-01-01T00:00:00Z, UTC
 * clock.advance(Duration.ofSeconds(30));
 * }</pre>
 *
 * <p>To run scheduled work as time passes, advance a {@link ManualScheduler} built on this clock instead: it moves
 * the clock and runs what falls due. {@link #withZone} returns a view that shares this clock's time.
 *
 * <p>Thread-safe.
 */
public final class ManualClock extends Clock implements TimeSource {
    /** Where {@link #create()} starts: a fixed instant, so that test output is reproducible. */
    public static final Instant DEFAULT_START = Instant.parse("2024-01-01T00:00:00Z");

    private final AtomicReference<Instant> now;
    private final AtomicLong monotonic;
    private final ZoneId zone;

    private ManualClock(AtomicReference<Instant> now, AtomicLong monotonic, ZoneId zone) {
        this.now = now;
        this.monotonic = monotonic;
        this.zone = zone;
    }

    /** A clock at {@link #DEFAULT_START}, in UTC. */
    public static ManualClock create() {
        return at(DEFAULT_START);
    }

    /** A clock at {@code start}, in UTC. */
    public static ManualClock at(Instant start) {
        return new ManualClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), new AtomicLong(),
                ZoneOffset.UTC);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    /**
     * The monotonic reading: starts at 0 and moves only forward, with {@link #advance(Duration)} and with the
     * {@link ManualScheduler} that runs on this clock, never with {@link #set(Instant)} (a wall clock that is set,
     * forwards or back, says nothing about time elapsed).
     */
    @Override
    public long monotonicNanos() {
        return monotonic.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view of this clock in another zone; advancing either moves both. */
    @Override
    public ManualClock withZone(ZoneId newZone) {
        return new ManualClock(now, monotonic, Objects.requireNonNull(newZone, "zone"));
    }

    /**
     * Moves the clock forward by {@code step}. Runs nothing: to run tasks that fall due, use
     * {@link ManualScheduler#advance(Duration)}.
     *
     * @throws IllegalArgumentException if {@code step} is negative; use {@link #set(Instant)} to go back
     */
    public void advance(Duration step) {
        Objects.requireNonNull(step, "step");
        if (step.isNegative()) {
            throw new IllegalArgumentException(
                    "step must be zero or positive, was " + step + "; use set(Instant) to move the clock back");
        }
        synchronized (monotonic) {
            now.updateAndGet(t -> t.plus(step));
            monotonic.addAndGet(step.toNanos());
        }
    }

    /** Time passing (the scheduler's moves): both readings move forward by {@code nanos}. */
    void passBy(long nanos) {
        advance(Duration.ofNanos(nanos));
    }

    /**
     * Sets the wall clock to {@code instant}, forwards or backwards (a wall clock may jump back); the monotonic
     * reading does not move.
     */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ManualClock c && c.now == now && c.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(now) * 31 + zone.hashCode();
    }

    @Override
    public String toString() {
        return "ManualClock[" + instant() + ", " + zone + "]";
    }
}
