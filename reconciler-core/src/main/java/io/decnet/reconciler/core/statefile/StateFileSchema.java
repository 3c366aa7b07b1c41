package io.decnet.reconciler.core.statefile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.Printable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The schema of {@code decnet-state.json} (SPEC §2.1): {@code config.deckies} is a list of objects, each with a
 * {@code name}, an {@code ip} and a non-empty list of {@code services}; names are unique; everything else is
 * tolerated and kept.
 */
final class StateFileSchema {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private StateFileSchema() {
    }

    /** The file's schema is broken; the message names the decky and the field. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /**
     * The deckies of the state file {@code parser} is at the start of, in file order. The document is streamed:
     * only one decky's tree is held at a time, so memory follows the fleet, not the file's text. Every token up to
     * the end is read before a schema problem is reported, so a document that is also broken as JSON (a truncated
     * file) is reported as broken JSON, as when the whole tree was read first.
     *
     * @param nodes reads one value of the document as a tree (without checking for trailing tokens)
     * @param mapper writes each decky back as its {@code configJson}
     * @throws IOException when the document is not one valid JSON value (Jackson's exceptions), or reading fails
     * @throws Invalid when the document is valid JSON but breaks the schema
     */
    static List<DeckySpec> deckies(JsonParser parser, ObjectReader nodes, ObjectMapper mapper)
            throws IOException, Invalid {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new Invalid("is empty");
        }
        if (first != JsonToken.START_OBJECT) {
            JsonNode root = nodes.readTree(parser);
            endOfDocument(parser);
            throw new Invalid("must hold a JSON object, holds " + kind(root));
        }
        Deckies deckies = null;
        Invalid problem = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean config = "config".equals(parser.currentName());
            JsonToken value = parser.nextToken();
            if (!config) {
                parser.skipChildren();
            } else if (value != JsonToken.START_OBJECT) {
                problem = new Invalid("\"config\" must be an object, " + found(nodes.readTree(parser)));
            } else {
                deckies = config(parser, nodes, mapper);
            }
        }
        endOfDocument(parser);
        if (problem != null) {
            throw problem;
        }
        if (deckies == null) {
            throw new Invalid("\"config\" must be an object, " + found(null));
        }
        return deckies.specs();
    }

    /** The inside of {@code config}, up to its end: its {@code deckies}, or why not. */
    private static Deckies config(JsonParser parser, ObjectReader nodes, ObjectMapper mapper) throws IOException {
        Deckies deckies = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean list = "deckies".equals(parser.currentName());
            JsonToken value = parser.nextToken();
            if (!list) {
                parser.skipChildren();
            } else if (value != JsonToken.START_ARRAY) {
                deckies = new Deckies(new Invalid("\"config.deckies\" must be a list, "
                        + found(nodes.readTree(parser))));
            } else {
                deckies = list(parser, nodes, mapper);
            }
        }
        return deckies != null ? deckies
                : new Deckies(new Invalid("\"config.deckies\" must be a list, " + found(null)));
    }

    /** The elements of {@code deckies}, up to its end; after the first broken one the rest is only read. */
    private static Deckies list(JsonParser parser, ObjectReader nodes, ObjectMapper mapper) throws IOException {
        Deckies deckies = new Deckies();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
            if (deckies.problem != null) {
                parser.skipChildren();
                continue;
            }
            try {
                DeckySpec spec = decky(i, nodes.readTree(parser), mapper);
                Integer first = seen.putIfAbsent(spec.name(), i);
                if (first != null) {
                    throw new Invalid(where(i, spec.name()) + "\"name\" duplicates deckies[" + first + "]");
                }
                deckies.specs.add(spec);
            } catch (Invalid e) {
                deckies.problem = e;
            }
        }
        return deckies;
    }

    /** Nothing may follow the document's value (as Jackson's FAIL_ON_TRAILING_TOKENS, same message). */
    private static void endOfDocument(JsonParser parser) throws IOException {
        JsonToken extra = parser.nextToken();
        if (extra != null) {
            throw new JsonParseException(parser, "Trailing token (of type " + extra + ") found after value");
        }
    }

    /** The deckies read so far, or the first problem found in them. Not thread-safe: one parse. */
    private static final class Deckies {
        private final List<DeckySpec> specs = new ArrayList<>();
        private Invalid problem;

        Deckies() {
        }

        Deckies(Invalid problem) {
            this.problem = problem;
        }

        List<DeckySpec> specs() throws Invalid {
            if (problem != null) {
                throw problem;
            }
            return specs;
        }
    }

    private static DeckySpec decky(int index, JsonNode decky, ObjectMapper mapper) throws Invalid {
        if (!decky.isObject()) {
            throw new Invalid(where(index, null) + "must be an object, holds " + kind(decky));
        }
        JsonNode nameNode = decky.get("name");
        if (nameNode == null || !nameNode.isTextual()) {
            throw new Invalid(where(index, null) + "\"name\" must be a string, " + found(nameNode));
        }
        String name = nameNode.asText();
        if (!NAME.matcher(name).matches()) {
            throw new Invalid(where(index, null) + "\"name\" must be 1-128 characters of A-Za-z0-9-_. , was "
                    + quote(name));
        }
        JsonNode ip = decky.get("ip");
        if (ip == null || !ip.isTextual()) {
            throw new Invalid(where(index, name) + "\"ip\" must be a string, " + found(ip));
        }
        List<String> services = services(decky.get("services"));
        if (services == null) {
            throw new Invalid(where(index, name) + "\"services\" must be a non-empty list of strings, "
                    + found(decky.get("services")));
        }
        JsonNode host = decky.get("host_uuid");
        if (host != null && !host.isNull() && !host.isTextual()) {
            throw new Invalid(where(index, name) + "\"host_uuid\" must be a string or null, " + found(host));
        }
        String hostUuid = host == null || host.isNull() ? null : host.asText();
        try {
            return new DeckySpec(name, ip.asText(), services, hostUuid, mapper.writeValueAsString(decky));
        } catch (JacksonException e) {
            // Unreachable in practice: a tree that was just parsed can be written back.
            throw new Invalid(where(index, name) + "cannot be written back as JSON: " + e.getOriginalMessage());
        }
    }

    /** The services, or {@code null} when the node is not a non-empty list of non-blank strings. */
    private static List<String> services(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            return null;
        }
        List<String> services = new ArrayList<>(node.size());
        for (JsonNode service : node) {
            if (!service.isTextual() || service.asText().isBlank()) {
                return null;
            }
            services.add(service.asText());
        }
        return services;
    }

    private static String where(int index, String name) {
        return "deckies[" + index + "]" + (name == null ? "" : " (name " + quote(name) + ")") + ": ";
    }

    private static String found(JsonNode node) {
        if (node == null) {
            return "is missing";
        }
        return "was " + Printable.of(cut(node.toString()));
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** {@code s} quoted for a message: cut to a readable length, every control or format character escaped. */
    private static String quote(String s) {
        return Printable.quoted(cut(s));
    }

    /** At most 60 characters (57 and "..."), never splitting a surrogate pair. */
    private static String cut(String s) {
        if (s.codePointCount(0, s.length()) <= 60) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, 57)) + "...";
    }
}
