package io.decnet.reconciler.core.statefile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.Printable;
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

    /** The deckies of a parsed state file, in file order. */
    static List<DeckySpec> deckies(JsonNode root, ObjectMapper mapper) throws Invalid {
        if (root == null || root.isMissingNode()) {
            throw new Invalid("is empty");
        }
        if (!root.isObject()) {
            throw new Invalid("must hold a JSON object, holds " + kind(root));
        }
        JsonNode config = root.get("config");
        if (config == null || !config.isObject()) {
            throw new Invalid("\"config\" must be an object, " + found(config));
        }
        JsonNode deckies = config.get("deckies");
        if (deckies == null || !deckies.isArray()) {
            throw new Invalid("\"config.deckies\" must be a list, " + found(deckies));
        }
        List<DeckySpec> specs = new ArrayList<>(deckies.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < deckies.size(); i++) {
            DeckySpec spec = decky(i, deckies.get(i), mapper);
            Integer first = seen.putIfAbsent(spec.name(), i);
            if (first != null) {
                throw new Invalid(where(i, spec.name()) + "\"name\" duplicates deckies[" + first + "]");
            }
            specs.add(spec);
        }
        return specs;
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
