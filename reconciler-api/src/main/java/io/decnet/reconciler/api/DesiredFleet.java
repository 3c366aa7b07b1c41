package io.decnet.reconciler.api;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link StateSource} saw: a fleet, no file at all, or a file it could not trust.
 *
 * <p>The three cases lead to very different passes: {@link Present} is reconciled, {@link Absent} means the
 * fleet is empty (DECNET's full teardown removes the file), and {@link Unreadable} changes nothing at all, so a
 * half-written file can never delete a fleet.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface DesiredFleet {

    /** A file that parsed and validated. */
    static Present present(List<DeckySpec> deckies) {
        return new Present(deckies);
    }

    /** No file: the fleet is empty. */
    static Absent absent(String location) {
        return new Absent(location);
    }

    /** A file that exists but cannot be trusted. */
    static Unreadable unreadable(String reason) {
        return new Unreadable(reason);
    }

    /** @param deckies the fleet in file order, names unique */
    record Present(List<DeckySpec> deckies) implements DesiredFleet {
        public Present {
            deckies = List.copyOf(Objects.requireNonNull(deckies, "deckies"));
            Set<String> seen = new HashSet<>();
            for (DeckySpec decky : deckies) {
                if (!seen.add(decky.name())) {
                    throw new IllegalArgumentException("a fleet lists decky '" + decky.name() + "' twice");
                }
            }
        }
    }

    /** @param location where the file was looked for */
    record Absent(String location) implements DesiredFleet {
        public Absent {
            Objects.requireNonNull(location, "location");
        }
    }

    /** @param reason why the file cannot be used, naming the decky and field where there is one */
    record Unreadable(String reason) implements DesiredFleet {
        public Unreadable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
