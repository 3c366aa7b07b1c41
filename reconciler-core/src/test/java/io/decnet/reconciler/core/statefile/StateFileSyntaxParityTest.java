package io.decnet.reconciler.core.statefile;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.DesiredFleet;
import io.decnet.reconciler.testkit.Deckies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The testkit cannot depend on core, so it repeats the state file reader's JSON settings; this test keeps the two
 * in step: a decky field the testkit's builder accepts as JSON is one the reader accepts in a file, and the other
 * way round.
 */
class StateFileSyntaxParityTest {

    @TempDir
    Path dir;

    static Stream<Arguments> pinned() {
        return Stream.of(
                Arguments.of("NaN", true), Arguments.of("Infinity", true), Arguments.of("-Infinity", true),
                Arguments.of("[0.0, NaN]", true), Arguments.of("{\"a\": Infinity}", true),
                Arguments.of("12345678901234567890", true), Arguments.of("1e400", true),
                Arguments.of("\"caf\\u00e9\"", true), Arguments.of(" {\"a\": [1, {\"b\": null}]} ", true),
                Arguments.of("nan", false), Arguments.of("/* comment */ 1", false), Arguments.of("# comment\n1", false),
                Arguments.of("// comment\n1", false), Arguments.of("[1, 2,]", false), Arguments.of("{\"a\": 1,}", false),
                Arguments.of("01", false), Arguments.of("-007", false), Arguments.of("{\"a\": 1, \"a\": 2}", false),
                Arguments.of("[{\"b\": {\"c\": 1, \"c\": 1}}]", false), Arguments.of("'single'", false),
                Arguments.of("{a: 1}", false), Arguments.of("\"tab\there\"", false), Arguments.of("1 2", false),
                Arguments.of("", false), Arguments.of("[1", false));
    }

    @ParameterizedTest(name = "{0} accepted: {1}")
    @MethodSource("pinned")
    void theTestkitAndTheReaderAcceptAndRefuseTheSameJson(String json, boolean accepted) throws IOException {
        assertThat(testkitAccepts(json)).as("the testkit accepts %s", json).isEqualTo(accepted);
        assertThat(readerAccepts(json)).as("the state file reader accepts %s", json).isEqualTo(accepted);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"+Infinity", "-NaN", "INF", "-INF", "+1", ".5", "1.", "1.e3", "0x10", "-", "1e", "--1",
        "\"\\ud800\"", "\"\\u00\"", "\"\\x\"", "\"a\u0000b\"", "\"\\u0000\"", "tru", "True", "NULL", "[,]", "{,}",
        "\"\u00e9\u65e5\u672c\ud83d\ude42\"", "\ufeff1", "\u00a01", "1\u2028"})
    void edgeCasesAreAcceptedByTheTestkitExactlyWhenTheReaderAcceptsThem(String json) throws IOException {
        assertThat(testkitAccepts(json)).as("the testkit and the state file reader agree on %s", json)
                .isEqualTo(readerAccepts(json));
    }

    private static boolean testkitAccepts(String json) {
        try {
            Deckies.decky("web-01").rawField("x", json);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean readerAccepts(String json) throws IOException {
        Path file = Files.writeString(dir.resolve("decnet-state.json"), "{\"config\": {\"deckies\": [{\"name\": "
                + "\"web-01\", \"ip\": \"10.0.0.10\", \"services\": [\"ssh\"], \"x\": " + json + "}]}}");
        DesiredFleet read = StateFileSource.builder(file).absentSettle(Duration.ZERO).build().read();
        assertThat(read).isInstanceOfAny(DesiredFleet.Present.class, DesiredFleet.Unreadable.class);
        return read instanceof DesiredFleet.Present;
    }
}
