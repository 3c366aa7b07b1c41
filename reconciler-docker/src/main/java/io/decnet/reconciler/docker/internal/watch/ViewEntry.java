package io.decnet.reconciler.docker.internal.watch;

import io.decnet.reconciler.api.ContainerStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * What the view knows of one container: its own name (none for a container whose only names are link aliases,
 * which cannot belong to a decky) and its status.
 *
 * <p>Immutable and thread-safe.
 */
public record ViewEntry(Optional<String> name, ContainerStatus status) {

    public ViewEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
    }

    public static ViewEntry of(String name, ContainerStatus status) {
        return new ViewEntry(Optional.ofNullable(name), status);
    }

    ViewEntry withStatus(ContainerStatus newStatus) {
        return new ViewEntry(name, newStatus);
    }

    ViewEntry withName(Optional<String> newName) {
        return newName.isPresent() ? new ViewEntry(newName, status) : this;
    }
}
