package io.decnet.reconciler.api;

import java.util.Objects;

/**
 * Whether an input of the pass was usable, for the report.
 *
 * <p>Immutable and thread-safe.
 *
 * @param usable whether the pass could rely on it
 * @param summary what was seen, e.g. {@code "present, 12 deckies"}, {@code "absent: ./decnet-state.json"},
 *     {@code "unreachable: connection refused"}
 */
public record SourceStatus(boolean usable, String summary) {
    public SourceStatus {
        Objects.requireNonNull(summary, "summary");
    }

    public static SourceStatus of(DesiredFleet fleet) {
        if (fleet instanceof DesiredFleet.Present p) {
            int n = p.deckies().size();
            return new SourceStatus(true, "present, " + n + (n == 1 ? " decky" : " deckies"));
        }
        if (fleet instanceof DesiredFleet.Absent a) {
            return new SourceStatus(true, "absent (empty fleet): " + a.location());
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
        return new SourceStatus(false, "not read");
    }
}
