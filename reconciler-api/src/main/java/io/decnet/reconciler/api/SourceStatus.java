package io.decnet.reconciler.api;

import java.util.Objects;

/**
 * Whether an input of the pass was usable, for the report: its {@link Availability} and, beside it, what was seen
 * in words.
 *
 * <p>Immutable and thread-safe.
 *
 * @param availability what the pass could make of it
 * @param summary what was seen, e.g. {@code "present, 12 deckies"}, {@code "absent: ./decnet-state.json"},
 *     {@code "unreachable: connection refused"}
 */
public record SourceStatus(Availability availability, String summary) {

    /** What a pass could make of an input. */
    public enum Availability {
        /** Read, and relied on. */
        USABLE,
        /** The state file is not there (its directory is): an empty fleet, relied on as such. */
        ABSENT,
        /** Read, but not relied on: the state file was unreadable, Docker unreachable. */
        UNUSABLE,
        /** Never read: the pass stopped before (e.g. the store could not be read). */
        NOT_READ
    }

    public SourceStatus {
        Objects.requireNonNull(availability, "availability");
        Objects.requireNonNull(summary, "summary");
    }

    /** A status that is {@link Availability#USABLE} or {@link Availability#UNUSABLE}, as before availabilities. */
    public SourceStatus(boolean usable, String summary) {
        this(usable ? Availability.USABLE : Availability.UNUSABLE, summary);
    }

    /** Whether the pass could rely on it: usable, or absent (an empty fleet). */
    public boolean usable() {
        return availability == Availability.USABLE || availability == Availability.ABSENT;
    }

    /** Whether the pass read it at all. */
    public boolean wasRead() {
        return availability != Availability.NOT_READ;
    }

    public static SourceStatus of(DesiredFleet fleet) {
        if (fleet instanceof DesiredFleet.Present p) {
            int n = p.deckies().size();
            return new SourceStatus(true, "present, " + n + (n == 1 ? " decky" : " deckies"));
        }
        if (fleet instanceof DesiredFleet.Absent a) {
            return new SourceStatus(Availability.ABSENT, "absent (empty fleet): " + a.location());
        }
        return new SourceStatus(false, "unreadable: " + ((DesiredFleet.Unreadable) fleet).reason());
    }

    public static SourceStatus of(RuntimeObservation observation) {
        if (observation instanceof RuntimeObservation.Observed o) {
            int n = o.containers().size();
            return new SourceStatus(true, "observed, " + n + (n == 1 ? " container" : " containers"));
        }
        return new SourceStatus(false, "unreachable: " + ((RuntimeObservation.Unreachable) observation).reason());
    }

    /** For inputs that were never read (the pass stopped before). */
    public static SourceStatus notRead() {
        return new SourceStatus(Availability.NOT_READ, "not read");
    }
}
