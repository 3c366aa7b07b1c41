package io.decnet.reconciler.api;

/** What became of one {@link RowChange}. */
public enum WriteOutcome {
    /** The condition held and the row was written. */
    APPLIED,
    /** The row changed since it was read (or, for an insert, now exists): nothing was written. */
    CONFLICT
}
