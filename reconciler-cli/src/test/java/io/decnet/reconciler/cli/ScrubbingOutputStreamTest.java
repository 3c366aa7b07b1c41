package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScrubbingOutputStreamTest {
    private static final String ARGS = "reconcile --once --db jdbc:mariadb://decnet:hunter2@127.0.0.1:5998/decnet";

    @Test
    void aLoggedStackTraceLosesThePasswordItQuotesBareLineByLine() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(new ScrubbingOutputStream(sink, ARGS), true, StandardCharsets.UTF_8);

        new IllegalStateException("outer", new java.sql.SQLException("Incorrect port value : hunter2@127.0.0.1"))
                .printStackTrace(err);
        err.print("a last line without newline hunter2");
        err.flush();

        String written = sink.toString(StandardCharsets.UTF_8);
        assertThat(written).contains("Caused by: java.sql.SQLException: Incorrect port value : ***@127.0.0.1")
                .endsWith("a last line without newline ***").doesNotContain("hunter2");
    }

    @Test
    void textWithoutSecretsPassesUnchanged() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(new ScrubbingOutputStream(sink, "reconcile --once"), true,
                StandardCharsets.UTF_8);

        err.println("[main] INFO reconciler - pass 3 inserted=1 (ünïcode kept)");

        assertThat(sink.toString(StandardCharsets.UTF_8))
                .isEqualTo("[main] INFO reconciler - pass 3 inserted=1 (ünïcode kept)" + System.lineSeparator());
    }
}
