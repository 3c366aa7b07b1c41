package io.decnet.reconciler.docker.internal.watch;

import com.github.dockerjava.api.model.Container;
import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.docker.internal.ContainerStates;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The containers of one daemon as a list call and the events since then describe them, keyed by container ID so
 * that a rename or a container removed and made again under the same name cannot mix two containers up.
 *
 * <p>How each event moves the view (the state is the one {@code docker inspect} shows after the event, checked on
 * a Docker 20.10 engine):
 * <ul>
 *   <li>{@code create} → {@code created}; {@code start}, {@code restart}, {@code unpause} → {@code running};
 *       {@code pause} → {@code paused};</li>
 *   <li>{@code die} → {@code exited} ({@code docker stop} and {@code docker kill} are followed by {@code die}; a
 *       container with a restart policy is {@code restarting} after its {@code die} until its next {@code start},
 *       which no event announces: the view says {@code exited}, neither counts as running, and a resync repairs
 *       it);</li>
 *   <li>{@code destroy} → gone; {@code rename} → the new name ({@code Actor.Attributes.name});</li>
 *   <li>every other action ({@code kill}, {@code stop}, {@code oom}, {@code health_status: ...}, {@code exec_...},
 *       {@code attach}, {@code update}, ...) leaves the state alone.</li>
 * </ul>
 * Every event that names its container refreshes the name, so a missed rename heals with the next event.
 *
 * <p>Applying the ordered events that followed a snapshot onto that snapshot ends at the daemon's current state,
 * even when some of those events happened before the snapshot was taken: each state-setting event sets the state
 * absolutely, so a container ends in the state its last event set.
 *
 * <p>Not thread-safe: one thread (the cache's) owns a view.
 */
public final class ContainerView {
    private final Map<String, ViewEntry> byId;

    private ContainerView(Map<String, ViewEntry> byId) {
        this.byId = byId;
    }

    public static ContainerView empty() {
        return new ContainerView(new HashMap<>());
    }

    /** A view holding exactly {@code byId}. */
    public static ContainerView of(Map<String, ViewEntry> byId) {
        return new ContainerView(new HashMap<>(byId));
    }

    /** The entries of a list call by ID, named and stated the way {@link ContainerStates} names and states them. */
    public static Map<String, ViewEntry> entriesOf(List<Container> containers) {
        Map<String, ViewEntry> byId = new HashMap<>();
        for (Container container : containers) {
            if (container == null || container.getId() == null || container.getId().isBlank()) {
                continue;
            }
            String name = null;
            if (container.getNames() != null) {
                for (String raw : container.getNames()) {
                    name = ContainerStates.ownName(raw);
                    if (name != null) {
                        break;
                    }
                }
            }
            byId.put(container.getId(), ViewEntry.of(name, ContainerStates.statusOf(container)));
        }
        return byId;
    }

    /** A copy that evolves on its own. */
    public ContainerView copy() {
        return of(byId);
    }

    /** Applies one event; whether the view changed. */
    public boolean apply(ContainerEvent event) {
        ViewEntry before = byId.get(event.id());
        ViewEntry after = next(before, event);
        if (after == null) {
            return before != null && byId.remove(event.id()) != null;
        }
        if (after.equals(before)) {
            return false;
        }
        byId.put(event.id(), after);
        return true;
    }

    /** The entry after {@code event}, or null when the container is gone (or unknown and left unknown). */
    private static ViewEntry next(ViewEntry before, ContainerEvent event) {
        Optional<ContainerStatus> state = stateAfter(event.baseAction());
        if ("destroy".equals(event.baseAction())) {
            return null;
        }
        if (state.isPresent()) {
            return before == null ? new ViewEntry(event.name(), state.get())
                    : before.withName(event.name()).withStatus(state.get());
        }
        // An action that leaves the state alone says nothing about a container the view does not know.
        return before == null ? null : before.withName(event.name());
    }

    /** The state a container is in after an event with this (base) action, if the action sets one. */
    static Optional<ContainerStatus> stateAfter(String baseAction) {
        switch (baseAction) {
            case "create":
                return Optional.of(ContainerStatus.CREATED);
            case "start":
            case "restart":
            case "unpause":
                return Optional.of(ContainerStatus.RUNNING);
            case "pause":
                return Optional.of(ContainerStatus.PAUSED);
            case "die":
                return Optional.of(ContainerStatus.EXITED);
            default:
                return Optional.empty();
        }
    }

    /** Plants a status under a container's name (test seam for resync); adds a made-up container if none has it. */
    public void plant(String name, ContainerStatus status) {
        for (Map.Entry<String, ViewEntry> e : byId.entrySet()) {
            if (e.getValue().name().equals(Optional.of(name))) {
                e.setValue(e.getValue().withStatus(status));
                return;
            }
        }
        byId.put("planted-" + name, ViewEntry.of(name, status));
    }

    /**
     * The view as the port reports it: own name to status, every container without a usable name left out. Should
     * two containers ever share a name, a running one wins, as in {@link ContainerStates#byName}.
     */
    public Map<String, ContainerStatus> byName() {
        Map<String, ContainerStatus> byName = new HashMap<>(byId.size() * 2);
        for (ViewEntry entry : byId.values()) {
            entry.name().ifPresent(name -> byName.merge(name, entry.status(), (a, b) -> a.isRunning() ? a : b));
        }
        return Map.copyOf(byName);
    }

    /** The names whose status differs between two name maps, including names present in only one. */
    public static Set<String> changedNames(Map<String, ContainerStatus> before, Map<String, ContainerStatus> after) {
        Set<String> changed = new HashSet<>();
        for (Map.Entry<String, ContainerStatus> e : after.entrySet()) {
            if (!e.getValue().equals(before.get(e.getKey()))) {
                changed.add(e.getKey());
            }
        }
        for (String name : before.keySet()) {
            if (!after.containsKey(name)) {
                changed.add(name);
            }
        }
        return Set.copyOf(changed);
    }

    public int size() {
        return byId.size();
    }
}
