package io.decnet.reconciler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.RuntimeObservation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeckyHealthTest {

    private static final DeckySpec WEB = new DeckySpec("web-01", "10.0.0.10", List.of("ssh", "http", "smtp_relay"),
            null, "{}");

    @ParameterizedTest(name = "ssh={0} http={1} smtp-relay={2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            running    | running    | running    | running   | 3 of 3 containers running
            running    | exited     | running    | degraded  | 2 of 3 containers running
            running    | -          | running    | degraded  | 2 of 3 containers running, 1 missing
            running    | -          | -          | degraded  | 1 of 3 containers running, 2 missing
            exited     | dead       | created    | failed    | 0 of 3 containers running
            paused     | restarting | -          | failed    | 0 of 3 containers running, 1 missing
            -          | -          | -          | torn_down | 0 of 3 containers running, 3 missing
            removing   | running    | running    | degraded  | 2 of 3 containers running
            """)
    void dockerStatesAggregateIntoADeckyState(String ssh, String http, String smtpRelay, String state,
            String description) {
        Map<String, ContainerStatus> containers = new HashMap<>();
        put(containers, "web-01-ssh", ssh);
        put(containers, "web-01-http", http);
        put(containers, "web-01-smtp-relay", smtpRelay);
        containers.put("web-02-ssh", ContainerStatus.RUNNING); // another decky's container counts for nothing

        DeckyHealth health = DeckyHealth.of(WEB, RuntimeObservation.observed(containers));

        assertThat(health.state()).isEqualTo(DeckyState.of(state));
        assertThat(health.describe()).isEqualTo(description);
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource({
        "smtp_relay, web-01-smtp-relay, running",
        "smtp_relay, web-01-smtp_relay, torn_down",
        "a_b_c, web-01-a-b-c, running",
        "http, /web-01-http, torn_down",
    })
    void everyUnderscoreOfAServiceBecomesADashInTheContainerName(String service, String container, String state) {
        DeckySpec decky = new DeckySpec("web-01", "10.0.0.10", List.of(service), null, "{}");

        DeckyHealth health = DeckyHealth.of(decky, RuntimeObservation.observed(Map.of(container,
                ContainerStatus.RUNNING)));

        assertThat(health.state()).isEqualTo(DeckyState.of(state));
    }

    private static void put(Map<String, ContainerStatus> containers, String name, String status) {
        if (!"-".equals(status)) {
            containers.put(name, ContainerStatus.of(status));
        }
    }
}
