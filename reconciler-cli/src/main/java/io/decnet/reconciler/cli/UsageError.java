package io.decnet.reconciler.cli;

/**
 * A mistake the user can fix: printed as one line ({@code error: <message>}), exit code 1, no stack trace unless
 * {@code --verbose}. The message names what is wrong and the flag (or variable) that fixes it; the code is its
 * machine-readable name in {@code --json}'s {@code error} object.
 */
final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** A flag or variable whose value cannot be used. */
    static final String INVALID_VALUE = "invalid_value";

    private final String code;

    UsageError(String message) {
        this(INVALID_VALUE, message, null);
    }

    UsageError(String message, Throwable cause) {
        this(INVALID_VALUE, message, cause);
    }

    UsageError(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The code for {@code --json}, e.g. {@code invalid_value}, {@code database_unavailable}. */
    String code() {
        return code;
    }
}
