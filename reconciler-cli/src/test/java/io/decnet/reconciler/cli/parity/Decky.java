package io.decnet.reconciler.cli.parity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decky of {@code decnet-state.json} as DECNET writes it (SPEC §2.1): the whole object, fields in DECNET's order,
 * {@code host_uuid} null, a host, or left out.
 */
record Decky(Map<String, Object> fields) {
    static final String NO_HOST_KEY = "<no host_uuid key>";

    Decky {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** {@code hostUuid}: null for JSON null, {@link #NO_HOST_KEY} to leave the key out. */
    static Decky of(String name, String ip, List<String> services, String hostUuid) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("ip", ip);
        f.put("services", List.copyOf(services));
        f.put("distro", "debian");
        f.put("base_image", "debian");
        f.put("hostname", "host-" + name);
        f.put("build_base", "debian:bookworm-slim");
        f.put("archetype", null);
        f.put("service_config", Map.of());
        f.put("nmap_os", "linux");
        f.put("mutate_interval", null);
        f.put("last_mutated", 0.0);
        f.put("last_login_attempt", 0.0);
        if (!NO_HOST_KEY.equals(hostUuid)) {
            f.put("host_uuid", hostUuid);
        }
        return new Decky(f);
    }

    String name() {
        return (String) fields.get("name");
    }

    String ip() {
        return (String) fields.get("ip");
    }

    @SuppressWarnings("unchecked")
    List<String> services() {
        return (List<String>) fields.get("services");
    }

    /** The decky's own host_uuid: null when JSON null or absent. */
    String hostUuid() {
        return (String) fields.get("host_uuid");
    }

    /** Whether a reconciler of {@code host} owns it: no host_uuid (null or absent) or {@code host} exactly. */
    boolean belongsTo(String host) {
        return hostUuid() == null || hostUuid().equals(host);
    }

    Decky with(String key, Object value) {
        Map<String, Object> f = new LinkedHashMap<>(fields);
        f.put(key, value);
        return new Decky(f);
    }

    /** {@code json.dumps(decky)}: what DECNET's deployer writes to {@code decky_config}. */
    String json() {
        return PyJson.dumps(fields);
    }

    /** The same value spelled otherwise: keys reversed, no spaces. */
    String jsonReordered() {
        List<String> keys = new ArrayList<>(fields.keySet());
        Collections.reverse(keys);
        Map<String, Object> f = new LinkedHashMap<>();
        keys.forEach(k -> f.put(k, fields.get(k)));
        return PyJson.dumps(f).replace(", ", ",").replace(": ", ":");
    }

    String servicesJson() {
        return PyJson.dumps(services());
    }
}
