package io.decnet.reconciler.api;

/** What became of a {@link Change}. */
public enum ChangeStatus {
    /** Planned only (a dry run). */
    PLANNED,
    /** Written and committed. */
    APPLIED,
    /** Lost a race with another writer: nothing written, left to the next pass. */
    CONFLICT,
    /** The store failed; nothing of the pass was written. */
    FAILED
}
