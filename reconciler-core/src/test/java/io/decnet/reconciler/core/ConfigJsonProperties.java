package io.decnet.reconciler.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The cheap paths of {@link ConfigJson#sameValue} answer exactly as the JSON-value comparison they short-cut: for
 * random decky configs written the way DECNET writes rows ({@code json.dumps}), then read back the way the state
 * file reader keeps them (compact Jackson text), and for rows that differ by a character, by another value or by
 * key order, {@code sameValue} equals the plain value comparison, and {@link PythonDumps} never claims a match the
 * value comparison denies. It also hits: a DECNET-written row of a value without exponent or non-finite numbers
 * matches without parsing.
 */
class ConfigJsonProperties {

    // As the state file reader parses and writes back each decky (StateFileSource's mapper).
    private static final JsonMapper STATE_FILE = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    // The value comparison as it was before the cheap paths: parse both, compare the trees.
    private static final JsonMapper PLAIN =
            JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private static final List<String> PLAIN_NUMBERS =
            List.of("0", "-12", "30", "123456789012345678901234567890", "0.0", "1.5", "-2.25", "1712345678.123456");
    private static final List<String> ODD_NUMBERS = List.of("1e-05", "1e+16", "-0.0", "NaN", "Infinity", "-Infinity");

    @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE)
    void theCheapPathsAnswerAsTheValueComparison(@ForAll("configs") Object config,
            @ForAll("configs") Object other, @ForAll @IntRange(max = 10_000) int where, @ForAll char typed) {
        String row = dumps(config);
        Optional<String> read = stateFileText(row);
        Assume.that(read.isPresent()); // half a surrogate pair: the state file reader refuses the file
        String file = read.orElseThrow();
        List<String> rows = new ArrayList<>(List.of(row, file, dumps(other), reordered(config)));
        int at = where % (row.length() + 1);
        rows.add(row.substring(0, at) + typed + row.substring(at));
        if (at < row.length()) {
            rows.add(row.substring(0, at) + row.substring(at + 1));
            rows.add(row.substring(0, at) + typed + row.substring(at + 1));
        }
        for (String candidate : rows) {
            boolean byValue = sameByValue(candidate, file);
            assertThat(ConfigJson.sameValue(candidate, file)).as("row %s, file %s", candidate, file)
                    .isEqualTo(byValue);
            if (PythonDumps.isDumpsOf(file, candidate)) {
                assertThat(byValue).as("a cheap match of row %s, file %s", candidate, file).isTrue();
            }
        }
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void aRowDecnetWroteMatchesWithoutParsingWhenItsNumbersArePlain(@ForAll("plainConfigs") Object config) {
        String row = dumps(config);
        Optional<String> file = stateFileText(row);
        Assume.that(file.isPresent());

        assertThat(PythonDumps.isDumpsOf(file.orElseThrow(), row)).as(row).isTrue();
    }

    @Provide
    Arbitrary<Object> configs() {
        return objects(Arbitraries.oneOf(Arbitraries.of(PLAIN_NUMBERS), Arbitraries.of(ODD_NUMBERS)),
                Arbitraries.oneOf(strings(), Arbitraries.strings().all().ofMaxLength(4)));
    }

    @Provide
    Arbitrary<Object> plainConfigs() {
        return objects(Arbitraries.of(PLAIN_NUMBERS), strings());
    }

    /** A decky-like object: keys and values of every kind, nested a few levels. */
    private static Arbitrary<Object> objects(Arbitrary<String> numbers, Arbitrary<String> strings) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(strings.map(s -> (Object) s), numbers.map(Num::new),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE, Null.NULL));
        Arbitrary<Object> value = Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(3).map(l -> (Object) l), object(inner, strings)), 0, 2);
        return object(value, strings);
    }

    private static Arbitrary<Object> object(Arbitrary<Object> values, Arbitrary<String> keys) {
        return Arbitraries.maps(keys, values).ofMaxSize(5).map(m -> (Object) new LinkedHashMap<>(m));
    }

    /** Names and values as DECNET writes them, and every character Python and Jackson escape differently. */
    private static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars('_', '-', '.', ' ').ofMaxLength(8),
                Arbitraries.strings().withChars("\"\\/\b\f\n\r\t\u0000\u001f\u007f\u00e9\u2028~ aZ")
                        .ofMaxLength(6),
                Arbitraries.of("\ud83d\ude00", "x\ud83d\ude00y"));
    }

    /** {@code json.dumps(value)} as Python writes it by default. */
    static String dumps(Object value) {
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof Num n) {
            return n.text();
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> quote((String) e.getKey()) + ": " + dumps(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof List<?> l) {
            return l.stream().map(ConfigJsonProperties::dumps).collect(Collectors.joining(", ", "[", "]"));
        }
        return "null";
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> b.append(c >= 0x20 && c <= 0x7e ? String.valueOf(c) : String.format("\\u%04x", (int) c));
            }
        }
        return b.append('"').toString();
    }

    /** The same value, keys in reverse order at the top. */
    private static String reordered(Object config) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) config;
        List<String> keys = new ArrayList<>(m.keySet());
        Collections.reverse(keys);
        Map<String, Object> r = new LinkedHashMap<>();
        keys.forEach(k -> r.put(k, m.get(k)));
        return dumps(r);
    }

    /**
     * What the state file reader keeps as the decky's {@code configJson} for a decky written as {@code json}; empty
     * when the reader refuses it (a string holding half a surrogate pair).
     */
    private static Optional<String> stateFileText(String json) {
        try {
            return Optional.of(STATE_FILE.writeValueAsString(STATE_FILE.readTree(json)));
        } catch (JacksonException e) {
            assertThat(e.getMessage()).as(json).contains("surrogate");
            return Optional.empty();
        }
    }

    private static boolean sameByValue(String row, String file) {
        if (row.equals(file)) {
            return true;
        }
        Optional<JsonNode> parsedRow = parse(row);
        return parsedRow.isPresent() && parsedRow.equals(parse(file));
    }

    private static Optional<JsonNode> parse(String json) {
        try {
            return Optional.ofNullable(PLAIN.readTree(json)).filter(node -> !node.isMissingNode());
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** A number as written in the file. */
    record Num(String text) {
    }

    /** JSON null (jqwik's maps hold no null values). */
    enum Null { NULL }
}
