package io.decnet.reconciler.api;

/**
 * A {@link FleetStore} could not read or write: the database is down, refused the credentials, lacks a column,
 * or rejected a statement. A store that throws this from {@link FleetStore#apply} has applied <em>nothing</em>
 * of that call. The message never contains credentials.
 *
 * <p>Thread-safe (immutable after construction).
 */
public class FleetStoreException extends ReconcilerException {
    private static final long serialVersionUID = 1L;

    public FleetStoreException(String message) {
        super(message);
    }

    public FleetStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
