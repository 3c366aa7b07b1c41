package io.decnet.reconciler.api;

import java.util.Objects;

/**
 * Why a pass failed, for the report. A failed pass wrote nothing.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind where it failed
 * @param message a sentence for a human; never contains credentials
 */
public record Failure(Kind kind, String message) {
    public enum Kind {
        /** The fleet store could not be read or written. */
        STORE,
        /** The pass exceeded its deadline. */
        TIMEOUT,
        /** A bug or an unexpected exception from a port. */
        INTERNAL
    }

    public Failure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
