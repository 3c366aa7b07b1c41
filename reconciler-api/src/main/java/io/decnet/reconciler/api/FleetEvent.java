package io.decnet.reconciler.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A committed insert, delete or state change, in the shape of DECNET's bus payload.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hostUuid the host
 * @param name the decky
 * @param state the decky's state after the change ({@code torn_down} for a delete)
 * @param transition what happened
 * @param previousState the state before, for {@link Transition#STATE_CHANGED} (and a delete); otherwise
 *     {@code null}
 * @param source always {@value #SOURCE}
 */
public record FleetEvent(
        String hostUuid, String name, DeckyState state, Transition transition, DeckyState previousState,
        String source) {

    /** The {@code source} DECNET expects from the fleet reconciler. */
    public static final String SOURCE = "fleet";

    public FleetEvent {
        Objects.requireNonNull(hostUuid, "hostUuid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(transition, "transition");
        Objects.requireNonNull(source, "source");
    }

    public static FleetEvent inserted(String hostUuid, String name, DeckyState state) {
        return new FleetEvent(hostUuid, name, state, Transition.INSERTED, null, SOURCE);
    }

    public static FleetEvent deleted(String hostUuid, String name, DeckyState previousState) {
        return new FleetEvent(hostUuid, name, DeckyState.TORN_DOWN, Transition.DELETED, previousState, SOURCE);
    }

    public static FleetEvent stateChanged(String hostUuid, String name, DeckyState previous, DeckyState state) {
        return new FleetEvent(hostUuid, name, state, Transition.STATE_CHANGED, previous, SOURCE);
    }

    public Optional<DeckyState> findPreviousState() {
        return Optional.ofNullable(previousState);
    }

    /** DECNET's bus topic for this event: {@code decky.<host_uuid>:<name>.state}. */
    public String topic() {
        return "decky." + hostUuid + ":" + name + ".state";
    }
}
