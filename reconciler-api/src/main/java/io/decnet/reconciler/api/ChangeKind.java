package io.decnet.reconciler.api;

/** What a planned or applied {@link Change} does to a row. */
public enum ChangeKind {
    /** A row for a decky the state file has and the table lacks. */
    INSERT,
    /** A row for a decky the state file no longer has. */
    DELETE,
    /** The row's state differs from what Docker shows. */
    STATE_UPDATE,
    /** The row's services, ip or decky_config differ from the state file (state unchanged). */
    CONFIG_UPDATE,
    /** Both of the above in one write. */
    STATE_AND_CONFIG_UPDATE;

    /** Whether this kind changes the row's state (and so emits a {@link Transition#STATE_CHANGED}). */
    public boolean changesState() {
        return this == STATE_UPDATE || this == STATE_AND_CONFIG_UPDATE;
    }

    /** Whether this kind rewrites the row's services, ip or decky_config. */
    public boolean changesConfig() {
        return this == CONFIG_UPDATE || this == STATE_AND_CONFIG_UPDATE;
    }
}
