package io.decnet.reconciler.testkit;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * JSON text for the builders, written and checked with Jackson.
 *
 * <p>Checking accepts exactly what core's {@code StateFileSource} accepts: the mapper below repeats its settings
 * (the testkit cannot depend on core, which tests with the testkit), and core's {@code StateFileSyntaxParityTest}
 * fails when the two drift apart. So bare {@code NaN} and {@code Infinity} (Python's json module writes them) are
 * accepted; comments, trailing commas, leading zeros, single quotes, duplicate keys and trailing content are not.
 *
 * <p>Stateless and thread-safe.
 */
final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Json() {
    }

    /**
     * {@code value} as compact JSON: {@code null}, a {@link String}, {@link Boolean}, {@link Number},
     * {@link Collection} or {@link Map} with string keys, nested freely.
     *
     * @throws IllegalArgumentException for any other type, a non-finite number or a non-string map key
     */
    static String write(Object value) {
        requireWritable(value);
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    // Jackson would write any bean, and NaN as a string: only plain JSON data is allowed in, so a typo (a date, a
    // record) fails here instead of becoming a surprising object in the decky.
    private static void requireWritable(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON has no representation for the number " + d
                        + "; Python writes it bare and the state file reader accepts that: use rawField(key, \""
                        + (Double.isNaN(d) ? "NaN" : d < 0 ? "-Infinity" : "Infinity") + "\")");
            }
        } else if (value instanceof Collection<?> items) {
            items.forEach(Json::requireWritable);
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
                }
                requireWritable(e.getValue());
            }
        } else if (!(value instanceof Number)) {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName()
                    + " as JSON; use null, String, Boolean, Number, a Collection or a Map with String keys");
        }
    }

    /**
     * Checks that {@code text} is exactly one JSON value (surrounding whitespace allowed) that the state file
     * reader would accept inside a decky object.
     *
     * @return {@code null} when it is, otherwise what is wrong and where
     */
    static String problem(String text) {
        if (text.startsWith("\uFEFF")) {
            // The reader skips a byte order mark only at the very start of the file, never before a value inside.
            return "a byte order mark before the value at line 1, column 1";
        }
        JsonNode value;
        try {
            // As bytes, as the state file reader parses them.
            value = MAPPER.readTree(text.getBytes(StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            return e.getOriginalMessage() + (at == null ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr());
        } catch (IOException e) {
            throw new IllegalStateException("reading JSON from memory failed", e);
        }
        return value.isMissingNode() ? "no JSON value: the text is empty" : null;
    }
}
