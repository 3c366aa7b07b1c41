package io.decnet.reconciler.docker.internal.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.decnet.reconciler.docker.internal.MalformedReplyException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Lines of {@code GET /events} as a Docker 20.10 engine writes them, reduced to what the view needs. */
class ContainerEventTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRenameCarriesTheIdTheActionAndTheNewNameWithoutSlash() throws Exception {
        ContainerEvent event = parse("""
                {"status":"rename","id":"fdd7a3","from":"busybox","Type":"container","Action":"rename",
                 "Actor":{"ID":"fdd7a3","Attributes":{"image":"busybox","name":"evprobe-b","oldName":"/evprobe-a"}},
                 "scope":"local","time":1796368751,"timeNano":1796368751800000000}""").orElseThrow();

        assertThat(event).isEqualTo(new ContainerEvent("fdd7a3", "rename", Optional.of("evprobe-b"),
                1796368751800000000L));
    }

    @Test
    void anActionWithADetailKeepsItAndItsBaseActionDropsIt() throws Exception {
        ContainerEvent event = parse("""
                {"Type":"container","Action":"health_status: healthy","Actor":{"ID":"c1","Attributes":{"name":"x"}},
                 "time":5}""").orElseThrow();

        assertThat(event.action()).isEqualTo("health_status: healthy");
        assertThat(event.baseAction()).isEqualTo("health_status");
        assertThat(event.timeNanos()).isEqualTo(5_000_000_000L);
    }

    @Test
    void anEventOfAnotherTypeIsSkipped() throws Exception {
        assertThat(parse("{\"Type\":\"network\",\"Action\":\"connect\",\"Actor\":{\"ID\":\"n1\"}}")).isEmpty();
    }

    @Test
    void aContainerEventWithoutIdOrActionOrThatIsNoObjectIsMalformed() {
        assertThatThrownBy(() -> parse("{\"Type\":\"container\",\"Action\":\"start\",\"Actor\":{}}"))
                .isInstanceOf(MalformedReplyException.class).hasMessage("a container event has no Actor.ID");
        assertThatThrownBy(() -> parse("{\"Type\":\"container\",\"Actor\":{\"ID\":\"c1\"}}"))
                .isInstanceOf(MalformedReplyException.class).hasMessage("a container event has no Action");
        assertThatThrownBy(() -> parse("[1]")).isInstanceOf(MalformedReplyException.class);
    }

    private static Optional<ContainerEvent> parse(String line) throws Exception {
        return ContainerEvent.parse(JSON.readTree(line));
    }
}
