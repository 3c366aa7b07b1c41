package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --log-format and systemd: the journal gets levels it understands and no second timestamp; json is JSON. */
class LogLinesTest {
    @Test
    void underTheJournalLinesGetALevelPrefix() {
        var journal = LogLines.transform(LogLines.Format.text, true);

        assertThat(journal.apply("WARN cannot watch the state file\n")).isEqualTo("<4>cannot watch the state file\n");
        assertThat(journal.apply("INFO stopped\n")).isEqualTo("<6>stopped\n");
        assertThat(journal.apply("error: database failed\n")).isEqualTo("<3>error: database failed\n");
        assertThat(journal.apply("\tat x.y(Z.java:1)\n")).isEqualTo("\tat x.y(Z.java:1)\n");
    }

    @Test
    void theJournalIsRecognisedByJournalStream() {
        assertThat(LogLines.underJournal(Map.of("JOURNAL_STREAM", "8:12345"))).isTrue();
        assertThat(LogLines.underJournal(Map.of())).isFalse();
    }

    @Test
    void jsonLinesAreOneObjectEachWithTheSecretsScrubbedFirst() throws Exception {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        String url = "jdbc:postgresql://db/x?user=u&password=hun\"ter2";
        ScrubbingOutputStream err = new ScrubbingOutputStream(target, url);
        err.format(LogLines.transform(LogLines.Format.json, false));

        err.write(("2026-12-04T08:00:00.000Z WARN pass failed: " + url + "\nerror: bad \"quote\"\n")
                .getBytes(StandardCharsets.UTF_8));
        err.flush();

        String[] lines = target.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertThat(first.get("ts").asText()).isEqualTo("2026-12-04T08:00:00.000Z");
        assertThat(first.get("level").asText()).isEqualTo("warn");
        assertThat(first.get("message").asText()).startsWith("pass failed: jdbc:postgresql://db/x").doesNotContain(
                "ter2");
        JsonNode second = new ObjectMapper().readTree(lines[1]);
        assertThat(second.get("level").asText()).isEqualTo("error");
        assertThat(second.get("message").asText()).isEqualTo("bad \"quote\"");
    }

    @Test
    void theFlagIsAcceptedOnEveryCommandAndAnUnknownValueIsRefused() {
        Cli.Result r = Cli.run(Map.of(), "reconcile", "--once", "--log-format", "yaml");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--log-format", "yaml", "text, json");
    }
}
