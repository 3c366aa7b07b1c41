package io.decnet.reconciler.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.FleetEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingListenerTest {
    private final FleetEvent inserted = FleetEvent.inserted("local", "web-01", DeckyState.RUNNING);
    private final FleetEvent deleted = FleetEvent.deleted("local", "old-01", DeckyState.FAILED);

    @Test
    void eventsAreRecordedInOrderAndHandedBackAsCopies() {
        RecordingListener listener = RecordingListener.create();
        listener.onEvent(inserted);
        List<FleetEvent> first = listener.events();

        listener.onEvent(deleted);

        assertThat(first).containsExactly(inserted);
        assertThat(listener.events()).containsExactly(inserted, deleted);
    }

    @Test
    void clearForgetsTheEventsSoFar() {
        RecordingListener listener = RecordingListener.create();
        listener.onEvent(inserted);

        listener.clear();
        listener.onEvent(deleted);

        assertThat(listener.events()).containsExactly(deleted);
    }

    @Test
    void aFailingListenerRecordsTheEventThenThrows() {
        RecordingListener listener = RecordingListener.failing();

        assertThatThrownBy(() -> listener.onEvent(inserted))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("on purpose")
                .hasMessageContaining("decky.local:web-01.state");
        assertThat(listener.events()).containsExactly(inserted);
    }
}
