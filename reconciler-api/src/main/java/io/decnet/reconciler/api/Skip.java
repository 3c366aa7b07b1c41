package io.decnet.reconciler.api;

import java.util.Objects;
import java.util.Optional;

/**
 * Something a pass deliberately left alone, and why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the decky concerned, or {@code null} when the skip concerns the whole pass
 * @param reason the kind of skip
 * @param detail a sentence for a human
 */
public record Skip(String name, SkipReason reason, String detail) {
    public Skip {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    public static Skip pass(SkipReason reason, String detail) {
        return new Skip(null, reason, detail);
    }

    public static Skip decky(String name, SkipReason reason, String detail) {
        return new Skip(Objects.requireNonNull(name, "name"), reason, detail);
    }

    public Optional<String> findName() {
        return Optional.ofNullable(name);
    }
}
