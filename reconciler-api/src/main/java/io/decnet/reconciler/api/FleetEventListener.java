package io.decnet.reconciler.api;

/**
 * Port: receives each insert, delete and state change after the pass that made it has committed. Called on the
 * thread that runs the pass, in the order of the changes. A listener that throws is logged and ignored: it never
 * breaks the pass. Implementations decide their own thread-safety; the reconciler calls one listener from one
 * pass at a time.
 */
@FunctionalInterface
public interface FleetEventListener {

    /** A listener that does nothing. */
    FleetEventListener NONE = event -> { };

    void onEvent(FleetEvent event);
}
