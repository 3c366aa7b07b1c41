package io.decnet.reconciler.docker.internal.watch;

import io.decnet.reconciler.api.RuntimeObservation;
import java.util.Map;
import java.util.Objects;

/**
 * The view as last published: the observation {@code observe()} hands out as it is (built once per applied batch,
 * so handing it out copies nothing), and the stream connection it was rebuilt for ({@code 0}: none, the view is
 * not to be trusted).
 *
 * <p>Immutable and thread-safe.
 */
public record Snapshot(RuntimeObservation.Observed observation, long generation) {

    public static final Snapshot NONE = new Snapshot(RuntimeObservation.observed(Map.of()), 0);

    public Snapshot {
        Objects.requireNonNull(observation, "observation");
    }

    public int size() {
        return observation.containers().size();
    }
}
