package io.decnet.reconciler.cli;

/**
 * A mistake the user can fix: printed as one line ({@code error: <message>}), exit code 1, no stack trace unless
 * {@code --verbose}. The message names what is wrong and the flag (or variable) that fixes it.
 */
final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
        super(message);
    }

    UsageError(String message, Throwable cause) {
        super(message, cause);
    }
}
