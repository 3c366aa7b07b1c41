package io.decnet.reconciler.api;

import java.util.Objects;
import java.util.Optional;

/**
 * One change of a pass, as reported.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the decky
 * @param kind what the change does
 * @param previousState the row's state before ({@code null} for an insert)
 * @param state the row's state after ({@code torn_down} for a delete)
 * @param reason why, in words (e.g. {@code "2 of 3 containers running"})
 * @param status what became of it
 */
public record Change(
        String name, ChangeKind kind, DeckyState previousState, DeckyState state, String reason,
        ChangeStatus status) {

    public Change {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(status, "status");
    }

    public Optional<DeckyState> findPreviousState() {
        return Optional.ofNullable(previousState);
    }

    /** The same change with another status. */
    public Change withStatus(ChangeStatus newStatus) {
        return new Change(name, kind, previousState, state, reason, newStatus);
    }
}
