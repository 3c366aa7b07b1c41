package io.decnet.reconciler.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each phase of a pass took. A phase that did not run took {@link Duration#ZERO}.
 *
 * <p>Immutable and thread-safe.
 */
public record PhaseTimings(Duration stateRead, Duration storeRead, Duration runtimeObserve, Duration plan,
        Duration apply) {
    public static final PhaseTimings NONE =
            new PhaseTimings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public PhaseTimings {
        Objects.requireNonNull(stateRead, "stateRead");
        Objects.requireNonNull(storeRead, "storeRead");
        Objects.requireNonNull(runtimeObserve, "runtimeObserve");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(apply, "apply");
    }

    public Duration total() {
        return stateRead.plus(storeRead).plus(runtimeObserve).plus(plan).plus(apply);
    }
}
