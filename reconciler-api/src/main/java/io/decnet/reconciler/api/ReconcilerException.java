package io.decnet.reconciler.api;

/**
 * Root of every exception fleet-reconciler throws. Unchecked: the reconcile pass turns these into values in its
 * {@link ReconcileReport}, so only code that calls ports directly needs to care.
 *
 * <p>Thread-safe (immutable after construction).
 */
public class ReconcilerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReconcilerException(String message) {
        super(message);
    }

    public ReconcilerException(String message, Throwable cause) {
        super(message, cause);
    }
}
