package io.decnet.reconciler.api;

/** The kind of a committed change that is reported to a {@link FleetEventListener}. */
public enum Transition {
    INSERTED("inserted"),
    DELETED("deleted"),
    STATE_CHANGED("state_changed");

    private final String wireName;

    Transition(String wireName) {
        this.wireName = wireName;
    }

    /** The name DECNET's bus payload uses ({@code inserted}, {@code deleted}, {@code state_changed}). */
    public String wireName() {
        return wireName;
    }
}
