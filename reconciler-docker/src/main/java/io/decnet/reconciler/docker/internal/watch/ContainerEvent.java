package io.decnet.reconciler.docker.internal.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.decnet.reconciler.docker.internal.ContainerStates;
import io.decnet.reconciler.docker.internal.MalformedReplyException;
import java.util.Objects;
import java.util.Optional;

/**
 * One container event from the daemon's {@code GET /events} stream, reduced to what the view needs.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the container's ID ({@code Actor.ID})
 * @param action Docker's {@code Action}: {@code create}, {@code die}, {@code health_status: healthy}, ...
 * @param name the container's name after the event ({@code Actor.Attributes.name}, leading {@code /} stripped),
 *     if the event carries one
 * @param timeNanos the daemon's time of the event in nanoseconds since the epoch ({@code timeNano}), 0 if absent
 */
public record ContainerEvent(String id, String action, Optional<String> name, long timeNanos) {

    public ContainerEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(name, "name");
    }

    /** For tests and seams: an event with a name and no time. */
    public static ContainerEvent of(String id, String action, String name) {
        return new ContainerEvent(id, action, Optional.ofNullable(ContainerStates.ownName(name)), 0);
    }

    /**
     * The container event in one line of the stream, or empty for an event of another type (the stream is
     * filtered to containers, so there should be none).
     *
     * @throws MalformedReplyException the line is not an event object, or a container event lacks its ID or action
     */
    static Optional<ContainerEvent> parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new MalformedReplyException("an event is not a JSON object");
        }
        String type = json.path("Type").asText("");
        if (!type.isEmpty() && !"container".equals(type)) {
            return Optional.empty();
        }
        JsonNode actor = json.path("Actor");
        String id = text(actor.path("ID"), text(json.path("id"), ""));
        String action = text(json.path("Action"), text(json.path("status"), ""));
        if (id.isBlank() || action.isBlank()) {
            throw new MalformedReplyException("a container event has no " + (id.isBlank() ? "Actor.ID" : "Action"));
        }
        String name = ContainerStates.ownName(text(actor.path("Attributes").path("name"), null));
        long timeNanos = json.path("timeNano").asLong(json.path("time").asLong(0) * 1_000_000_000L);
        return Optional.of(new ContainerEvent(id, action, Optional.ofNullable(name), timeNanos));
    }

    /** Docker's action without its detail: {@code health_status: healthy} gives {@code health_status}. */
    public String baseAction() {
        int colon = action.indexOf(':');
        return (colon < 0 ? action : action.substring(0, colon)).strip();
    }

    private static String text(JsonNode node, String otherwise) {
        return node.isTextual() ? node.asText() : otherwise;
    }
}
