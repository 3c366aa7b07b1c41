package io.decnet.reconciler.docker.internal.watch;

import java.util.Map;
import java.util.Objects;

/**
 * One list call as the cache needs it: the daemon's containers by ID, or why they could not be listed.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface Listing {

    /** @param byId every container listed, by ID */
    record Listed(Map<String, ViewEntry> byId) implements Listing {
        public Listed {
            byId = Map.copyOf(byId);
        }
    }

    /** @param reason why the list call failed */
    record Failed(String reason) implements Listing {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Makes one list call; never throws. */
    @FunctionalInterface
    interface Lister {
        Listing list();
    }
}
