package io.decnet.reconciler.core.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decnet.reconciler.api.FleetEvent;
import io.decnet.reconciler.api.Printable;
import io.decnet.reconciler.api.ReconcilerException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link FleetEvent} as the message DECNET's bus carries: its topic {@code decky.<host_uuid>:<name>.state} and
 * a payload with {@code host_uuid}, {@code name}, {@code state}, {@code transition} ({@code inserted},
 * {@code deleted}, {@code state_changed}), {@code previous_state} ({@code null} for an insert) and
 * {@code source} ({@code fleet}).
 *
 * <pre>{@code
 * {"topic":"decky.local:decky-01.state","payload":{"host_uuid":"local","name":"decky-01","state":"failed",
 *  "transition":"state_changed","previous_state":"running","source":"fleet"}}
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class BusMessage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BusMessage() {
    }

    /**
     * The payload object: an unmodifiable map of strings, keys in DECNET's order, {@code previous_state} mapped to
     * {@code null} for an insert.
     */
    public static Map<String, Object> payload(FleetEvent event) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("host_uuid", event.hostUuid());
        payload.put("name", event.name());
        payload.put("state", event.state().value());
        payload.put("transition", event.transition().wireName());
        payload.put("previous_state", event.findPreviousState().map(s -> s.value()).orElse(null));
        payload.put("source", event.source());
        return Collections.unmodifiableMap(payload);
    }

    /** {@code {"topic": ..., "payload": {...}}} as one line of JSON, without a line break. */
    public static String jsonLine(FleetEvent event) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("topic", event.topic());
        message.put("payload", payload(event));
        try {
            return Printable.json(JSON.writeValueAsString(message));
        } catch (JsonProcessingException e) {
            throw new ReconcilerException("cannot write the event for decky '" + event.name() + "' as JSON", e);
        }
    }
}
