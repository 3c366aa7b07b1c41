package io.decnet.reconciler.api;

import java.util.Objects;

/**
 * A container's state as Docker reports it ({@code running}, {@code exited}, {@code paused}, ...). Kept as the
 * daemon's string so that a state added by a newer engine is carried, not rejected.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value Docker's {@code State} string, lower case
 */
public record ContainerStatus(String value) {
    public static final ContainerStatus RUNNING = new ContainerStatus("running");
    public static final ContainerStatus CREATED = new ContainerStatus("created");
    public static final ContainerStatus RESTARTING = new ContainerStatus("restarting");
    public static final ContainerStatus PAUSED = new ContainerStatus("paused");
    public static final ContainerStatus EXITED = new ContainerStatus("exited");
    public static final ContainerStatus DEAD = new ContainerStatus("dead");
    public static final ContainerStatus REMOVING = new ContainerStatus("removing");

    public ContainerStatus {
        Objects.requireNonNull(value, "value");
    }

    public static ContainerStatus of(String value) {
        return new ContainerStatus(value);
    }

    /** Only Docker's {@code running} counts as running; {@code paused} and {@code restarting} do not. */
    public boolean isRunning() {
        return "running".equals(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
