package io.decnet.reconciler.jdbi.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code services} column: a JSON array of strings. Written compact ({@code ["ssh","http"]}); read from any
 * valid JSON array, whatever its spacing or escapes (DECNET's Python writes {@code ["ssh", "http"]} and escapes
 * non-ASCII). Stateless, thread-safe (Jackson readers and writers are immutable).
 */
final class ServicesJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter WRITER = MAPPER.writerFor(MAPPER.getTypeFactory()
            .constructCollectionType(List.class, String.class));

    private ServicesJson() {
    }

    static String write(List<String> services) {
        try {
            return WRITER.writeValueAsString(services);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }

    /** The services in {@code text}, or empty when it is not a JSON array of strings. */
    static Optional<List<String>> read(String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (node == null || !node.isArray()) {
            return Optional.empty();
        }
        List<String> services = new ArrayList<>(node.size());
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                return Optional.empty();
            }
            services.add(element.textValue());
        }
        return Optional.of(services);
    }
}
