package io.decnet.reconciler.docker.internal;

import com.github.dockerjava.api.model.Container;
import io.decnet.reconciler.api.ContainerStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the daemon's container list into the observation's name-to-status map.
 *
 * <p>Names: the API gives {@code /name}; the leading slash is stripped. A name with a second slash
 * ({@code /other/alias}) is a legacy link alias that belongs to another container's view, not a name of this
 * container, and is skipped. A container without a usable name cannot be matched to a decky and is skipped.
 *
 * <p>Status: Docker's {@code State} ({@code running}, {@code exited}, ...), lower case. Daemons older than API
 * 1.23 leave it out; then it is read from the human {@code Status} text ({@code Up 3 minutes (Paused)}).
 *
 * <p>Stateless and thread-safe.
 */
public final class ContainerStates {
    /** What a container whose state cannot be told is reported as; it never counts as running. */
    public static final ContainerStatus UNKNOWN = ContainerStatus.of("unknown");

    private ContainerStates() {
    }

    public static Map<String, ContainerStatus> byName(List<Container> containers) {
        Map<String, ContainerStatus> byName = new HashMap<>();
        for (Container container : containers) {
            if (container == null || container.getNames() == null) {
                continue;
            }
            ContainerStatus status = statusOf(container);
            for (String raw : container.getNames()) {
                String name = ownName(raw);
                if (name != null) {
                    // Docker names are unique; should a daemon ever repeat one, a running container wins.
                    byName.merge(name, status, (a, b) -> a.isRunning() ? a : b);
                }
            }
        }
        return byName;
    }

    /** The container's own name from an API name ({@code /web} gives {@code web}), or null for a link alias. */
    public static String ownName(String raw) {
        if (raw == null) {
            return null;
        }
        String name = raw.startsWith("/") ? raw.substring(1) : raw;
        return name.isEmpty() || name.contains("/") ? null : name;
    }

    public static ContainerStatus statusOf(Container container) {
        String state = container.getState();
        if (state != null && !state.isBlank()) {
            return ContainerStatus.of(state.trim().toLowerCase(Locale.ROOT));
        }
        return fromStatusText(container.getStatus());
    }

    static ContainerStatus fromStatusText(String status) {
        if (status == null || status.isBlank()) {
            return UNKNOWN;
        }
        String s = status.trim();
        if (s.startsWith("Up")) {
            return s.contains("(Paused)") ? ContainerStatus.PAUSED : ContainerStatus.RUNNING;
        }
        if (s.startsWith("Restarting")) {
            return ContainerStatus.RESTARTING;
        }
        if (s.startsWith("Exited")) {
            return ContainerStatus.EXITED;
        }
        if (s.startsWith("Created")) {
            return ContainerStatus.CREATED;
        }
        if (s.startsWith("Removal")) {
            return ContainerStatus.REMOVING;
        }
        if (s.startsWith("Dead")) {
            return ContainerStatus.DEAD;
        }
        return UNKNOWN;
    }
}
