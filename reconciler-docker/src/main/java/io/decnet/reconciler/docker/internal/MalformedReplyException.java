package io.decnet.reconciler.docker.internal;

import io.decnet.reconciler.api.ReconcilerException;

/**
 * The daemon answered 2xx with something that is not a container list. Never leaves this module: it becomes
 * an unreachable observation.
 *
 * <p>Thread-safe (immutable after construction).
 */
public final class MalformedReplyException extends ReconcilerException {
    private static final long serialVersionUID = 1L;

    public MalformedReplyException(String message) {
        super(message);
    }
}
