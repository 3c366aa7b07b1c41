package io.decnet.reconciler.core.worker;

/**
 * Port: told the outcome of each pass the worker ran (for metrics, logs, alerts). Called once per pass on a
 * worker thread, after the pass ended or its deadline passed; must return quickly. A listener that throws is
 * logged and ignored.
 */
@FunctionalInterface
public interface PassListener {

    /** A listener that does nothing. */
    PassListener NONE = outcome -> { };

    void onPass(PassOutcome outcome);
}
