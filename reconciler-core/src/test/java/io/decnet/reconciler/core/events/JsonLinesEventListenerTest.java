package io.decnet.reconciler.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.FleetEvent;
import io.decnet.reconciler.api.ReconcilerException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesEventListenerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aStateChangeIsOneLineInDecnetsBusShape() throws IOException {
        StringWriter out = new StringWriter();
        JsonLinesEventListener.writingTo(out)
                .onEvent(FleetEvent.stateChanged("host-a", "decky-01", DeckyState.RUNNING, DeckyState.FAILED));

        assertThat(out.toString()).endsWith("\n").doesNotContain("\n{");
        assertThat(out.toString().trim()).isEqualTo("{\"topic\":\"decky.host-a:decky-01.state\",\"payload\":"
                + "{\"host_uuid\":\"host-a\",\"name\":\"decky-01\",\"state\":\"failed\","
                + "\"transition\":\"state_changed\",\"previous_state\":\"running\",\"source\":\"fleet\"}}");
    }

    @Test
    void insertsCarryANullPreviousStateAndDeletesATornDownState() throws IOException {
        StringWriter out = new StringWriter();
        JsonLinesEventListener listener = JsonLinesEventListener.writingTo(out);
        listener.onEvent(FleetEvent.inserted("local", "decky-01", DeckyState.RUNNING));
        listener.onEvent(FleetEvent.deleted("local", "decky-02", DeckyState.DEGRADED));

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode insert = JSON.readTree(lines.get(0)).get("payload");
        assertThat(insert.get("transition").asText()).isEqualTo("inserted");
        assertThat(insert.has("previous_state")).isTrue();
        assertThat(insert.get("previous_state").isNull()).isTrue();
        JsonNode delete = JSON.readTree(lines.get(1));
        assertThat(delete.get("topic").asText()).isEqualTo("decky.local:decky-02.state");
        assertThat(delete.get("payload").get("state").asText()).isEqualTo("torn_down");
        assertThat(delete.get("payload").get("previous_state").asText()).isEqualTo("degraded");
    }

    @Test
    void namesNeedingEscapesStayValidJson() throws IOException {
        StringWriter out = new StringWriter();
        JsonLinesEventListener.writingTo(out)
                .onEvent(FleetEvent.inserted("host \"quoted\"\n", "d", DeckyState.of("weird\u2028state")));
        JsonNode node = JSON.readTree(out.toString());
        assertThat(node.get("payload").get("host_uuid").asText()).isEqualTo("host \"quoted\"\n");
        assertThat(out.toString().lines()).hasSize(1);
    }

    @Test
    void aFileListenerAppendsAndFlushesEachLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, "earlier\n");
        try (JsonLinesEventListener listener = JsonLinesEventListener.appendingTo(file)) {
            listener.onEvent(FleetEvent.inserted("local", "decky-01", DeckyState.RUNNING));
            assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(2); // flushed before close
        }
        assertThat(Files.readAllLines(file).get(0)).isEqualTo("earlier");
    }

    @Test
    void aFailedWriteThrowsTheLibrarysExceptionNamingTheDecky() {
        Writer broken = new Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> JsonLinesEventListener.writingTo(broken)
                .onEvent(FleetEvent.inserted("local", "decky-01", DeckyState.RUNNING)))
                .isInstanceOf(ReconcilerException.class)
                .hasMessageContaining("decky-01").hasMessageContaining("No space left on device");
    }

    @Test
    void anUnopenableFileIsAClearError(@TempDir Path dir) {
        Path file = dir.resolve("missing-dir").resolve("events.jsonl");
        assertThatThrownBy(() -> JsonLinesEventListener.appendingTo(file))
                .isInstanceOf(ReconcilerException.class).hasMessageContaining(file.toString());
    }
}
