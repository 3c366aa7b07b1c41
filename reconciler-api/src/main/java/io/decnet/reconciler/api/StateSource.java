package io.decnet.reconciler.api;

/**
 * Port: the desired fleet (DECNET's {@code decnet-state.json}).
 *
 * <p>Implementations must not throw for a missing or broken file: they return {@link DesiredFleet.Absent} or
 * {@link DesiredFleet.Unreadable}. Implementations should be thread-safe.
 */
@FunctionalInterface
public interface StateSource {

    /** Reads the desired fleet as it is now. */
    DesiredFleet read();

    /**
     * Whether the fleet is still {@link DesiredFleet.Absent}: asked right before a pass applies the deletes of an
     * absent state file, so that a file that came back meanwhile (an editor's save, a redeploy) is never taken as a
     * teardown. The default reads again; a file-based source can answer with a cheaper check. Must not throw.
     */
    default boolean isStillAbsent() {
        return read() instanceof DesiredFleet.Absent;
    }
}
