package io.decnet.reconciler.docker.internal.watch;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the stream thread hands the cache thread, in order. Every item carries the stream connection it belongs to
 * ({@code generation}, counting from 1) and when it was queued ({@code queuedNanos}, a monotonic reading), from
 * which the cache tells that it lags.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface StreamItem {

    long queuedNanos();

    /** The stream of {@code generation} is open: the daemon has answered with its headers; events follow. */
    record Connected(long generation, long queuedNanos) implements StreamItem {
    }

    /** An event read from the stream of {@code generation}. */
    record Event(long generation, ContainerEvent event, long queuedNanos) implements StreamItem {
        public Event {
            Objects.requireNonNull(event, "event");
        }
    }

    /** The stream of {@code generation} broke (or never opened), for {@code reason}. */
    record Disconnected(long generation, String reason, long queuedNanos) implements StreamItem {
        public Disconnected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Work for the cache thread between events: a resync on request, a planted divergence (test seams). */
    record Command(String what, Consumer<ViewKeeper> action, long queuedNanos) implements StreamItem {
        public Command {
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(action, "action");
        }
    }
}
