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
}
