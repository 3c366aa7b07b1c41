package io.decnet.reconciler.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One decky as the state file describes it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the decky's name, unique within the fleet
 * @param ip its address as written in the state file
 * @param services the emulated services, in file order; never empty
 * @param hostUuid the host the state file assigns it to, or {@code null} when the file leaves it unset
 *     (which means "this host")
 * @param configJson the whole decky object as JSON text, unknown fields included; this is what the row's
 *     {@code decky_config} column holds
 */
public record DeckySpec(String name, String ip, List<String> services, String hostUuid, String configJson) {
    /** What DECNET allows as a decky name: 1 to 128 of {@code A-Z a-z 0-9 - _ .}. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    public DeckySpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("decky name '" + name + "' must be 1 to 128 characters of "
                    + "A-Z a-z 0-9 - _ .");
        }
        Objects.requireNonNull(ip, "ip");
        services = List.copyOf(Objects.requireNonNull(services, "services"));
        Objects.requireNonNull(configJson, "configJson");
        if (services.isEmpty()) {
            throw new IllegalArgumentException("decky '" + name + "' has no services");
        }
    }

    /**
     * DECNET's name for the container that runs {@code service} of decky {@code decky}:
     * {@code <decky>-<service with every _ replaced by ->} (Docker's own names carry a leading {@code /}; this
     * one does not).
     */
    public static String containerName(String decky, String service) {
        return decky + "-" + service.replace('_', '-');
    }

    /** The container names this decky runs, one per service, in service order. */
    public List<String> containerNames() {
        return services.stream().map(service -> containerName(name, service)).toList();
    }

    /** The host named in the state file, if any. */
    public Optional<String> assignedHost() {
        return Optional.ofNullable(hostUuid).filter(h -> !h.isBlank());
    }

    /** Whether this decky belongs to {@code host}: it names that host, or names none. */
    public boolean belongsTo(String host) {
        return assignedHost().map(host::equals).orElse(true);
    }
}
