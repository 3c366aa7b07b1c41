package io.decnet.reconciler.testkit;

import io.decnet.reconciler.api.FleetEvent;
import io.decnet.reconciler.api.FleetEventListener;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link FleetEventListener} that records every event; {@link #failing()} makes one that also throws after
 * recording, to show that a throwing listener never breaks a pass.
 *
 * <pre>{@code
 * RecordingListener events = RecordingListener.create();
 * Reconciler reconciler = Reconciler.builder().listener(events).build();
 * ...
 * assertThat(events.events()).extracting(FleetEvent::transition).containsExactly(Transition.INSERTED);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class RecordingListener implements FleetEventListener {
    private final List<FleetEvent> events = new ArrayList<>();
    private final boolean failing;

    private RecordingListener(boolean failing) {
        this.failing = failing;
    }

    /** A listener that records. */
    public static RecordingListener create() {
        return new RecordingListener(false);
    }

    /**
     * A listener that records each event and then throws an {@link IllegalStateException} saying it failed on
     * purpose.
     */
    public static RecordingListener failing() {
        return new RecordingListener(true);
    }

    @Override
    public void onEvent(FleetEvent event) {
        synchronized (this) {
            events.add(event);
        }
        if (failing) {
            throw new IllegalStateException("RecordingListener.failing() throws on purpose for " + event.topic());
        }
    }

    /** The events received so far, in order (a copy). */
    public synchronized List<FleetEvent> events() {
        return List.copyOf(events);
    }

    /** Forgets the events received so far. */
    public synchronized void clear() {
        events.clear();
    }
}
