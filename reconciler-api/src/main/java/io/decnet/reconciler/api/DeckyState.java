package io.decnet.reconciler.api;

import java.util.Objects;
import java.util.Set;

/**
 * The {@code state} column of a fleet row. DECNET knows seven states; a row may hold any other string (a newer
 * DECNET, a hand edit), and such a state is still read, compared and reported: {@link #of(String)} accepts it
 * and {@link #isKnown()} tells it apart.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>A blank string (DECNET's column is {@code NOT NULL} but nothing stops an empty text) is such an unknown state
 * too: it is read and compared like any other, so a pass rewrites it from Docker when it can.
 *
 * @param value the exact string stored in the row, possibly blank
 */
public record DeckyState(String value) {
    public static final DeckyState PENDING = new DeckyState("pending");
    public static final DeckyState RUNNING = new DeckyState("running");
    public static final DeckyState FAILED = new DeckyState("failed");
    public static final DeckyState DEGRADED = new DeckyState("degraded");
    public static final DeckyState TORN_DOWN = new DeckyState("torn_down");
    public static final DeckyState TEARING_DOWN = new DeckyState("tearing_down");
    public static final DeckyState TEARDOWN_FAILED = new DeckyState("teardown_failed");

    private static final Set<DeckyState> KNOWN =
            Set.of(PENDING, RUNNING, FAILED, DEGRADED, TORN_DOWN, TEARING_DOWN, TEARDOWN_FAILED);

    public DeckyState {
        Objects.requireNonNull(value, "value");
    }

    /** The state named by {@code value}, known or not; a known one is its constant (rows share it). */
    public static DeckyState of(String value) {
        for (DeckyState known : KNOWN) {
            if (known.value.equals(value)) {
                return known;
            }
        }
        return new DeckyState(value);
    }

    /** The seven states DECNET defines. */
    public static Set<DeckyState> known() {
        return KNOWN;
    }

    /** Whether DECNET defines this state. */
    public boolean isKnown() {
        return KNOWN.contains(this);
    }

    /** Whether the stored string is empty or only white space. */
    public boolean isBlank() {
        return value.isBlank();
    }

    /**
     * The value for a sentence: as it is when DECNET knows it, else quoted with control characters escaped, so
     * that a blank or odd state stays visible ({@code ""}, {@code "RUNNING"}).
     */
    public String describe() {
        return isKnown() ? value : Printable.quoted(value);
    }

    /** {@code pending} or {@code tearing_down}: a deploy or a teardown is in flight. */
    public boolean isTransitional() {
        return equals(PENDING) || equals(TEARING_DOWN);
    }

    @Override
    public String toString() {
        return value;
    }
}
