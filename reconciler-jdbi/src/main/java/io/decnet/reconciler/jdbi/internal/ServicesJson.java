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
        List<String> simple = simpleArray(text);
        return simple != null ? Optional.of(simple) : parse(text);
    }

    /**
     * The strings of {@code text} when it is an array as DECNET and this store write it, {@code ["a","b"]} or
     * {@code ["a", "b"]}, of strings without escapes or control characters (what every service name is), read
     * without a parser; {@code null} for anything else, which Jackson then reads. Such text means exactly these
     * strings to any JSON parser, so both ways agree.
     */
    static List<String> simpleArray(String text) {
        int n = text.length();
        if (n < 2 || text.charAt(0) != '[' || text.charAt(n - 1) != ']') {
            return null;
        }
        if (n == 2) {
            return List.of();
        }
        List<String> strings = new ArrayList<>(4);
        int at = 1;
        while (true) {
            if (text.charAt(at) != '"') {
                return null;
            }
            int end = at + 1;
            while (end < n && text.charAt(end) != '"') {
                char c = text.charAt(end);
                if (c == '\\' || c < 0x20) {
                    return null;
                }
                end++;
            }
            if (end >= n - 1) {
                return null;
            }
            strings.add(text.substring(at + 1, end));
            at = end + 1;
            if (at == n - 1) {
                return List.copyOf(strings);
            }
            if (text.charAt(at) != ',') {
                return null;
            }
            at += text.charAt(at + 1) == ' ' ? 2 : 1;
        }
    }

    private static Optional<List<String>> parse(String text) {
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
