package io.decnet.reconciler.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FleetEventTest {

    @Test
    void usesDecnetsTopicAndSource() {
        FleetEvent event = FleetEvent.stateChanged("host-1", "decky-01", DeckyState.RUNNING, DeckyState.FAILED);

        assertThat(event.topic()).isEqualTo("decky.host-1:decky-01.state");
        assertThat(event.source()).isEqualTo("fleet");
        assertThat(event.transition().wireName()).isEqualTo("state_changed");
        assertThat(event.findPreviousState()).contains(DeckyState.RUNNING);
    }

    @Test
    void aDeleteReportsTornDownAndWhatItWas() {
        FleetEvent event = FleetEvent.deleted("local", "decky-02", DeckyState.DEGRADED);

        assertThat(event.state()).isEqualTo(DeckyState.TORN_DOWN);
        assertThat(event.previousState()).isEqualTo(DeckyState.DEGRADED);
        assertThat(event.transition()).isEqualTo(Transition.DELETED);
    }
}
