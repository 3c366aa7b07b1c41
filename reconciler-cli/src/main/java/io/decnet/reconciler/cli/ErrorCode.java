package io.decnet.reconciler.cli;

import java.util.Objects;

/**
 * Why a run failed, for {@code --json}'s {@code error} object: a stable machine-readable code beside the words.
 * Immutable.
 *
 * @param code snake_case, e.g. {@code unknown_option}, {@code invalid_value}, {@code database_unavailable}
 * @param message the human text (already masked)
 */
record ErrorCode(String code, String message) {
    ErrorCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
