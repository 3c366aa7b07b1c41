package io.decnet.reconciler.core.worker;

import io.decnet.reconciler.api.ReconcileReport;

/**
 * One reconcile pass, as the worker runs it; usually {@code () -> reconciler.reconcileOnce(state, store, docker,
 * host)}. It should not throw (the reconciler puts I/O trouble in the report); if it does, the worker counts the
 * pass as failed and carries on.
 *
 * <p>Called by one worker thread at a time; never concurrently with itself.
 */
@FunctionalInterface
public interface ReconcilePass {

    /** Runs the pass and reports what it did. */
    ReconcileReport run();
}
