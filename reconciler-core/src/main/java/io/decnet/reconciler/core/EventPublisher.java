package io.decnet.reconciler.core;

import io.decnet.reconciler.api.Change;
import io.decnet.reconciler.api.ChangeStatus;
import io.decnet.reconciler.api.FleetEvent;
import io.decnet.reconciler.api.FleetEventListener;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a pass's committed changes into {@link FleetEvent}s for the listener. A listener that throws is logged
 * and skipped for that event; the pass goes on. Passes running at once deliver their events one pass at a time,
 * as {@link FleetEventListener} promises.
 */
final class EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

    private final FleetEventListener listener;
    private final Object lock = new Object();

    EventPublisher(FleetEventListener listener) {
        this.listener = listener;
    }

    /** Sends one event per {@link ChangeStatus#APPLIED} insert, delete or state change, in order. */
    void publish(String host, List<Change> changes) {
        List<FleetEvent> events = changes.stream()
                .filter(c -> c.status() == ChangeStatus.APPLIED)
                .flatMap(c -> event(host, c).stream())
                .toList();
        if (events.isEmpty()) {
            return;
        }
        synchronized (lock) {
            for (FleetEvent event : events) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.warn("fleet event listener failed on {} {} of {}; the pass goes on",
                            event.transition().wireName(), event.name(), event.hostUuid(), e);
                }
            }
        }
    }

    /** The event for a committed change; a configuration-only update has none. */
    static Optional<FleetEvent> event(String host, Change change) {
        return switch (change.kind()) {
            case INSERT -> Optional.of(FleetEvent.inserted(host, change.name(), change.state()));
            case DELETE -> Optional.of(FleetEvent.deleted(host, change.name(), change.previousState()));
            case STATE_UPDATE, STATE_AND_CONFIG_UPDATE -> Optional.of(
                    FleetEvent.stateChanged(host, change.name(), change.previousState(), change.state()));
            case CONFIG_UPDATE -> Optional.empty();
        };
    }
}
