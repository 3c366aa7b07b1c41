package io.decnet.reconciler.api;

/** Why a pass, or part of it, did nothing. */
public enum SkipReason {
    /** The state file could not be trusted: the whole pass wrote nothing. */
    STATE_UNREADABLE,
    /**
     * The state file changed while the pass ran in a way that makes its plan unsafe (it was absent when read and
     * is there again before the deletes were applied): nothing was written; the next pass reads it as it is.
     */
    STATE_CHANGED,
    /** The runtime could not be observed: no state was changed (inserts and deletes still happen). */
    RUNTIME_UNREACHABLE,
    /** A decky in the state file belongs to another host. */
    OTHER_HOST,
    /** The row is {@code pending} or {@code tearing_down} and was written within the grace period. */
    TRANSITION_IN_FLIGHT,
    /** The pass would delete more rows than the policy allows: nothing was deleted. */
    MASS_DELETE_GUARD,
    /** Another reconciler of this host held the writer lease: this pass did not run (see {@link WriterLease}). */
    WRITER_LEASE_BUSY,
    /** The store could not be read or written: nothing was written. */
    STORE_FAILED
}
