package io.decnet.reconciler.core;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Optional;

/**
 * Compares {@code decky_config} texts as JSON values, so that the spacing and key order DECNET's Python writes
 * are not drift. Pure.
 *
 * <p>Parsing both texts costs several times a whole converged plan, and it would run on every pass for each row
 * DECNET's deployer wrote. So two cheap checks come first: the same text, then the row being exactly what Python's
 * {@code json.dumps} writes for the state file's decky ({@link PythonDumps}); either one proves the same value.
 * Only a row that passes neither (another key order, numbers written otherwise, a damaged row) is parsed.
 */
final class ConfigJson {

    // Configured once, never mutated afterwards: ObjectMapper is thread-safe for reading. A row with anything after
    // its JSON object is damaged: it differs, so the pass rewrites it.
    private static final JsonMapper MAPPER =
            JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private ConfigJson() {
    }

    /**
     * Whether the row's {@code decky_config} holds the same JSON value as the state file's decky. A NULL or
     * unparsable row config is different from every state file config.
     */
    static boolean sameValue(String rowConfig, String fileConfig) {
        if (rowConfig == null) {
            return false;
        }
        if (rowConfig.equals(fileConfig) || PythonDumps.isDumpsOf(fileConfig, rowConfig)) {
            return true;
        }
        Optional<JsonNode> row = parse(rowConfig);
        return row.isPresent() && row.equals(parse(fileConfig));
    }

    /** Whether {@code json} is one JSON object (and nothing after it). */
    static boolean isObject(String json) {
        return parse(json).filter(JsonNode::isObject).isPresent();
    }

    private static Optional<JsonNode> parse(String json) {
        try {
            return Optional.ofNullable(MAPPER.readTree(json)).filter(node -> !node.isMissingNode());
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }
}
