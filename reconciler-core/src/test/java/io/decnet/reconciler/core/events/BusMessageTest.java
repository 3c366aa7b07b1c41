package io.decnet.reconciler.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.FleetEvent;
import java.util.AbstractMap.SimpleEntry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusMessageTest {

    @Test
    void thePayloadIsAPlainMapInDecnetsKeyOrderWithANullPreviousStateForAnInsert() {
        FleetEvent insert = FleetEvent.inserted("local", "decky-01", DeckyState.RUNNING);

        Map<String, Object> payload = BusMessage.payload(insert);

        assertThat(payload).containsExactly(Map.entry("host_uuid", "local"), Map.entry("name", "decky-01"),
                Map.entry("state", "running"), Map.entry("transition", "inserted"),
                new SimpleEntry<>("previous_state", null), Map.entry("source", "fleet"));
        assertThatThrownBy(() -> payload.put("extra", "x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theJsonLineIsTopicThenPayloadOnOneLine() {
        assertThat(BusMessage.jsonLine(FleetEvent.inserted("local", "decky-01", DeckyState.RUNNING)))
                .isEqualTo("{\"topic\":\"decky.local:decky-01.state\",\"payload\":{\"host_uuid\":\"local\","
                        + "\"name\":\"decky-01\",\"state\":\"running\",\"transition\":\"inserted\","
                        + "\"previous_state\":null,\"source\":\"fleet\"}}");
    }
}
