package io.decnet.reconciler.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link RuntimeInspector} saw: every container by name, or nothing because the runtime could not be
 * reached. An unreachable runtime never changes a row's state.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface RuntimeObservation {

    static Observed observed(Map<String, ContainerStatus> containers) {
        return new Observed(containers);
    }

    static Unreachable unreachable(String reason) {
        return new Unreachable(reason);
    }

    /** @param containers container name (without Docker's leading {@code /}) to its status; stopped ones too */
    record Observed(Map<String, ContainerStatus> containers) implements RuntimeObservation {
        public Observed {
            containers = Map.copyOf(Objects.requireNonNull(containers, "containers"));
        }

        /** The status of the container named {@code name}, if the runtime has one. */
        public Optional<ContainerStatus> status(String name) {
            return Optional.ofNullable(containers.get(name));
        }
    }

    /** @param reason why the runtime could not be observed (daemon down, socket missing, timeout, ...) */
    record Unreachable(String reason) implements RuntimeObservation {
        public Unreachable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
