package io.decnet.reconciler.cli.parity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Comparator;
import java.util.Optional;

/** JSON text compared by value: spacing and key order do not matter, {@code 0} equals {@code 0.0}. */
final class JsonValues {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Comparator<JsonNode> NUMERIC = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonValues() {
    }

    /** The value of {@code text}, or empty when it is NULL or not JSON. */
    static Optional<JsonNode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Whether two texts hold the same JSON value (both unreadable counts as different). */
    static boolean sameValue(String a, String b) {
        Optional<JsonNode> x = parse(a);
        Optional<JsonNode> y = parse(b);
        return x.isPresent() && y.isPresent() && x.get().equals(NUMERIC, y.get());
    }

    static boolean isStringArray(String text) {
        return parse(text).filter(JsonNode::isArray)
                .filter(n -> { for (JsonNode e : n) { if (!e.isTextual()) { return false; } } return true; })
                .isPresent();
    }

    static boolean isObject(String text) {
        return parse(text).filter(JsonNode::isObject).isPresent();
    }
}
