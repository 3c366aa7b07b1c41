package io.decnet.reconciler.docker.internal;

import com.github.dockerjava.api.model.Container;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The result of one list call: the daemon's containers as docker-java parsed them, or why the daemon could not be
 * listed (the same sentence an unreachable observation carries).
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface ContainerList {

    /** @param containers every container the daemon listed (stopped ones too), as it listed them */
    record Listed(List<Container> containers) implements ContainerList {
        public Listed {
            // Not List.copyOf: a daemon's list may hold a null entry, which ContainerStates skips.
            containers = Collections.unmodifiableList(new ArrayList<>(containers));
        }
    }

    /** @param reason why the list call failed, e.g. {@code docker daemon at ... unreachable: connection refused} */
    record Failed(String reason) implements ContainerList {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
