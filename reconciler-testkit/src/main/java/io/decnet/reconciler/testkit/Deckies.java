package io.decnet.reconciler.testkit;

import io.decnet.reconciler.api.DeckySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds {@link DeckySpec}s the way DECNET's state file describes deckies, and the state file text itself.
 *
 * <pre>{@code
 * DeckySpec web = Deckies.decky("web-01").ip("10.0.0.11").services("ssh", "http").build();
 * DeckySpec far = Deckies.decky("far-01").host("host-b").field("distro", "debian").build();
 * String stateFile = Deckies.stateFileJson(List.of(web, far));
 * }</pre>
 *
 * <p>The spec's {@code configJson} is the decky object as compact JSON text: {@code name}, {@code ip},
 * {@code services}, then every extra field in the order it was added, then {@code host_uuid} (DECNET writes it
 * last). Strings are escaped as JSON requires; non-ASCII characters are kept as they are.
 *
 * <p>Stateless and thread-safe; each {@link Builder} is not thread-safe.
 */
public final class Deckies {
    /** The ip a built decky has unless {@link Builder#ip} says otherwise. */
    public static final String DEFAULT_IP = "10.0.0.10";
    /** The services a built decky has unless {@link Builder#services} says otherwise. */
    public static final List<String> DEFAULT_SERVICES = List.of("ssh");

    private static final Set<String> RESERVED = Set.of("name", "ip", "services", "host_uuid");

    private Deckies() {
    }

    /** A builder for a decky named {@code name}, with ip {@value #DEFAULT_IP}, services [ssh] and no host. */
    public static Builder decky(String name) {
        return new Builder(requireText(name, "name"));
    }

    /**
     * The text of a {@code decnet-state.json} file (SPEC §2.1) listing {@code deckies} in order, each as its
     * {@link DeckySpec#configJson()}. Lets a test of a file-based state source write the fleet it was given.
     */
    public static String stateFileJson(List<DeckySpec> deckies) {
        Objects.requireNonNull(deckies, "deckies");
        StringBuilder out = new StringBuilder(
                "{\"config\":{\"mode\":\"unihost\",\"interface\":\"eth0\",\"subnet\":\"10.0.0.0/24\","
                        + "\"gateway\":\"10.0.0.1\",\"deckies\":[");
        String sep = "";
        for (DeckySpec decky : deckies) {
            out.append(sep).append(decky.configJson());
            sep = ",";
        }
        return out.append("],\"log_file\":null,\"ipvlan\":false,\"mutate_interval\":30},")
                .append("\"compose_path\":\"/var/lib/decnet/decnet-compose.yml\"}")
                .toString();
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, got " + Json.write(value));
        }
        return value;
    }

    /**
     * Builds one {@link DeckySpec}. Validates each value as it is given.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final String name;
        private String ip = DEFAULT_IP;
        private List<String> services = DEFAULT_SERVICES;
        private String host;
        private final Map<String, String> extra = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        /** The decky's ip. */
        public Builder ip(String ip) {
            this.ip = requireText(ip, "ip");
            return this;
        }

        /** The decky's services, in order; at least one, none blank. */
        public Builder services(String... services) {
            return services(Arrays.asList(Objects.requireNonNull(services, "services")));
        }

        /** The decky's services, in order; at least one, none blank. */
        public Builder services(List<String> services) {
            Objects.requireNonNull(services, "services");
            if (services.isEmpty()) {
                throw new IllegalArgumentException("services must list at least one service, got []");
            }
            for (String service : services) {
                requireText(service, "each service");
            }
            this.services = List.copyOf(services);
            return this;
        }

        /** The {@code host_uuid} the state file assigns; {@code null} (the default) means "this host". */
        public Builder host(String hostUuid) {
            this.host = hostUuid;
            return this;
        }

        /**
         * An extra field of the decky object, written as JSON: {@code value} may be {@code null}, a String,
         * Boolean, Number, a Collection or a Map with String keys. Adding a key again replaces its value.
         *
         * @throws IllegalArgumentException for {@code name}, {@code ip}, {@code services} or {@code host_uuid}
         *     (use their own methods) or a value JSON cannot hold (a non-finite number: use {@link #rawField})
         */
        public Builder field(String key, Object value) {
            return rawField(key, Json.write(value));
        }

        /**
         * An extra field whose value is the JSON text {@code json}, inserted verbatim (surrounding whitespace
         * dropped). Accepted exactly when the state file reader would accept it in a file: bare {@code NaN},
         * {@code Infinity} and {@code -Infinity}, as Python's json module writes them, are; comments, trailing
         * commas, leading zeros, single quotes and duplicate keys are not.
         *
         * @throws IllegalArgumentException when {@code json} is not one JSON value the state file reader accepts
         */
        public Builder rawField(String key, String json) {
            requireText(key, "key");
            if (RESERVED.contains(key)) {
                throw new IllegalArgumentException("field '" + key + "' has its own builder method; use "
                        + (key.equals("host_uuid") ? "host(..)" : key + "(..)") + " instead of field(..)");
            }
            Objects.requireNonNull(json, "json");
            String problem = Json.problem(json);
            if (problem != null) {
                throw new IllegalArgumentException("field '" + key + "' is not valid JSON (" + problem + "): " + json);
            }
            extra.put(key, json.strip());
            return this;
        }

        /**
         * Adds the optional fields DECNET writes for every decky (distro, base_image, hostname, ...) with the
         * values of the example in SPEC §2.1, unless already set.
         */
        public Builder decnetDefaults() {
            Map<String, String> defaults = new LinkedHashMap<>();
            defaults.put("distro", "\"debian\"");
            defaults.put("base_image", "\"debian\"");
            defaults.put("hostname", Json.write(name));
            defaults.put("build_base", "\"debian:bookworm-slim\"");
            defaults.put("archetype", "null");
            defaults.put("service_config", "{}");
            defaults.put("nmap_os", "\"linux\"");
            defaults.put("mutate_interval", "null");
            defaults.put("last_mutated", "0.0");
            defaults.put("last_login_attempt", "0.0");
            defaults.forEach(extra::putIfAbsent);
            return this;
        }

        /** The decky. */
        public DeckySpec build() {
            List<String> fields = new ArrayList<>();
            fields.add("\"name\":" + Json.write(name));
            fields.add("\"ip\":" + Json.write(ip));
            fields.add("\"services\":" + Json.write(services));
            extra.forEach((key, json) -> fields.add(Json.write(key) + ":" + json));
            fields.add("\"host_uuid\":" + Json.write(host));
            return new DeckySpec(name, ip, services, host, "{" + String.join(",", fields) + "}");
        }
    }
}
