package io.decnet.reconciler.api;

/**
 * Port: what the container runtime actually runs.
 *
 * <p>{@link #observe()} lists every container once (stopped ones included) and never throws: any failure is
 * {@link RuntimeObservation.Unreachable}, returned within a bounded time. Implementations should be thread-safe.
 */
@FunctionalInterface
public interface RuntimeInspector {

    /** One observation of all containers. */
    RuntimeObservation observe();
}
