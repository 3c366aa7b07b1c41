package io.decnet.reconciler.core.statefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.DesiredFleet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StateFileSourceTest {

    @TempDir
    Path dir;

    @Test
    void theSpecExampleParsesIntoOneDeckyOfThisHost() throws IOException {
        DesiredFleet fleet = StateFileSource.of(write(specExample())).read();

        assertThat(fleet).isInstanceOf(DesiredFleet.Present.class);
        DeckySpec decky = ((DesiredFleet.Present) fleet).deckies().get(0);
        assertThat(((DesiredFleet.Present) fleet).deckies()).hasSize(1);
        assertThat(decky.name()).isEqualTo("decky-01");
        assertThat(decky.ip()).isEqualTo("10.0.0.10");
        assertThat(decky.services()).containsExactly("ssh", "smtp_relay");
        assertThat(decky.hostUuid()).isNull();
        assertThat(decky.belongsTo("local")).isTrue();
        assertThat(decky.configJson()).isEqualTo("{\"name\":\"decky-01\",\"ip\":\"10.0.0.10\","
                + "\"services\":[\"ssh\",\"smtp_relay\"],\"distro\":\"debian\",\"base_image\":\"debian\","
                + "\"hostname\":\"web01\",\"build_base\":\"debian:bookworm-slim\",\"archetype\":null,"
                + "\"service_config\":{},\"nmap_os\":\"linux\",\"mutate_interval\":null,\"last_mutated\":0.0,"
                + "\"last_login_attempt\":0.0,\"host_uuid\":null}");
    }

    @Test
    void unknownFieldsAreKeptInTheConfigJsonInFileOrderWithNumbersAsWritten() throws IOException {
        Path file = write(fleetOf("{\"zeta\": {\"nested\": [1, 2.50, NaN]}, \"name\": \"d1\", \"ip\": \"10.0.0.2\","
                + " \"services\": [\"http\"], \"alpha\": 1712345678.123456, \"big\": 12345678901234567890}"));

        DeckySpec decky = onlyDecky(StateFileSource.of(file).read());

        assertThat(decky.configJson()).isEqualTo("{\"zeta\":{\"nested\":[1,2.50,NaN]},\"name\":\"d1\","
                + "\"ip\":\"10.0.0.2\",\"services\":[\"http\"],\"alpha\":1712345678.123456,"
                + "\"big\":12345678901234567890}");
    }

    @Test
    void aDeckyAssignedToAHostKeepsThatHost() throws IOException {
        Path file = write(fleetOf("{\"name\": \"d1\", \"ip\": \"10.0.0.2\", \"services\": [\"ssh\"],"
                + " \"host_uuid\": \"worker-7\"}"));

        DeckySpec decky = onlyDecky(StateFileSource.of(file).read());

        assertThat(decky.hostUuid()).isEqualTo("worker-7");
        assertThat(decky.belongsTo("local")).isFalse();
    }

    @Test
    void anEmptyDeckyListIsAPresentEmptyFleet() throws IOException {
        DesiredFleet fleet = StateFileSource.of(write("{\"config\": {\"deckies\": []}}")).read();

        assertThat(fleet).isEqualTo(DesiredFleet.present(java.util.List.of()));
    }

    @Test
    void aMissingFileInAnExistingDirectoryIsAnAbsentFleet() {
        Path file = dir.resolve("decnet-state.json");

        assertThat(StateFileSource.of(file).read()).isEqualTo(DesiredFleet.absent(file.toString()));
    }

    @Test
    void aMissingDirectoryIsUnreadableRatherThanAnEmptyFleet() {
        Path file = dir.resolve("no-such-dir").resolve("decnet-state.json");

        assertThat(reason(StateFileSource.of(file).read())).contains("no-such-dir").contains("wrong path");
    }

    @Test
    void aSymbolicLinkToAMissingFileIsUnreadableRatherThanAnEmptyFleet() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("decnet-state.json"), dir.resolve("gone.json"));

        assertThat(reason(StateFileSource.of(link).read())).contains("symbolic link");
    }

    @Test
    void aPathThatCannotBeReadIsUnreadableWithTheReason() throws IOException {
        Path directory = Files.createDirectory(dir.resolve("decnet-state.json"));

        assertThat(reason(StateFileSource.of(directory).read()))
                .startsWith(directory.toString()).contains("cannot be read", "not a regular file");
    }

    @Test
    void aFileOverTheCapIsRejectedBeforeItIsParsed() throws IOException {
        // Not JSON at all: had it been parsed, the reason would be a parse error.
        Path file = write("x".repeat(2048));

        String reason = reason(StateFileSource.builder(file).maxBytes(1024).build().read());

        assertThat(reason).contains("2048 bytes").contains("cap of 1024 bytes").doesNotContain("JSON");
    }

    @Test
    void aFileExactlyAtTheCapIsRead() throws IOException {
        String json = "{\"config\": {\"deckies\": []}}";
        Path file = write(json);

        assertThat(StateFileSource.builder(file).maxBytes(json.length()).build().read())
                .isInstanceOf(DesiredFleet.Present.class);
    }

    @Test
    void theDefaultCapIsSixtyFourMebibytesAndTheReasonExplainsIt() throws IOException {
        assertThat(StateFileSource.of(dir.resolve("x.json")).maxBytes()).isEqualTo(64L * 1024 * 1024);
        Path file = write("x".repeat(2048));

        assertThat(reason(StateFileSource.builder(file).maxBytes(1024).build().read()))
                .contains("the cap bounds what a pass may spend on the state file", "67108864 bytes",
                        "StateFileSource.Builder.maxBytes");
    }

    @Test
    void aTruncatedSpecExampleIsUnreadableAtEveryByteOffset() throws IOException {
        byte[] full = specExample().strip().getBytes(StandardCharsets.UTF_8);
        for (int length = 0; length < full.length; length++) {
            Path file = dir.resolve("truncated-" + length + ".json");
            Files.write(file, Arrays.copyOf(full, length));

            assertThat(StateFileSource.of(file).read())
                    .as("truncated to %d of %d bytes", length, full.length)
                    .isInstanceOf(DesiredFleet.Unreadable.class);
        }
    }

    @Test
    void aTruncatedFileIsExplainedWithoutJacksonsSourcePlaceholder() throws IOException {
        String why = reason(StateFileSource.of(write("{\"config\": {\"deckies\": [{\"name\": \"a\"")).read());

        assertThat(why).contains("not valid JSON", "line 1").doesNotContain("REDACTED", "Source:");
    }

    @Test
    void aFifoIsUnreadableAtOnceInsteadOfBlockingThePass() throws Exception {
        Path fifo = dir.resolve("decnet-state.json");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).as("mkfifo").isZero();

        assertThat(reason(StateFileSource.of(fifo).read())).contains("not a regular file");
    }

    @Test
    void anEmptyFileIsUnreadable() throws IOException {
        assertThat(reason(StateFileSource.of(write("")).read())).contains("empty");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not an object           | []                                                  | must hold a JSON object
            no config               | {"deckies": []}                                     | "config" must be an object, is missing
            config not an object    | {"config": []}                                      | "config" must be an object
            no deckies              | {"config": {"mode": "unihost"}}                     | "config.deckies" must be a list, is missing
            deckies not a list      | {"config": {"deckies": {}}}                         | "config.deckies" must be a list
            trailing garbage        | {"config": {"deckies": []}} x                       | not valid JSON
            a second document       | {"config": {"deckies": []}} {}                      | not valid JSON (truncated or corrupt?): more content after the end of the JSON document
            duplicate keys          | {"config": {"deckies": []}, "config": {}}           | not valid JSON
            """)
    void aFileWithTheWrongShapeIsUnreadable(String label, String json, String expected) throws IOException {
        assertThat(reason(StateFileSource.of(write(json)).read())).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            decky not an object | "decky-01"                                                      | deckies[1]: must be an object
            name missing        | {"ip": "10.0.0.9", "services": ["ssh"]}                         | deckies[1]: "name" must be a string, is missing
            name not a string   | {"name": 7, "ip": "10.0.0.9", "services": ["ssh"]}              | deckies[1]: "name" must be a string, was 7
            name empty          | {"name": "", "ip": "10.0.0.9", "services": ["ssh"]}             | deckies[1]: "name" must be 1-128 characters
            name with a space   | {"name": "bad name", "ip": "10.0.0.9", "services": ["ssh"]}     | deckies[1]: "name" must be 1-128 characters of A-Za-z0-9-_. , was "bad name"
            name with a slash   | {"name": "a/b", "ip": "10.0.0.9", "services": ["ssh"]}          | deckies[1]: "name" must be 1-128 characters
            ip missing          | {"name": "decky-02", "services": ["ssh"]}                       | deckies[1] (name "decky-02"): "ip" must be a string, is missing
            ip not a string     | {"name": "decky-02", "ip": 10, "services": ["ssh"]}             | deckies[1] (name "decky-02"): "ip" must be a string, was 10
            services missing    | {"name": "decky-02", "ip": "10.0.0.9"}                          | deckies[1] (name "decky-02"): "services" must be a non-empty list of strings
            services empty      | {"name": "decky-02", "ip": "10.0.0.9", "services": []}          | deckies[1] (name "decky-02"): "services" must be a non-empty list of strings
            services a string   | {"name": "decky-02", "ip": "10.0.0.9", "services": "ssh"}       | deckies[1] (name "decky-02"): "services" must be a non-empty list of strings
            service not a string| {"name": "decky-02", "ip": "10.0.0.9", "services": ["ssh", 1]}  | deckies[1] (name "decky-02"): "services" must be a non-empty list of strings
            service blank       | {"name": "decky-02", "ip": "10.0.0.9", "services": [" "]}       | deckies[1] (name "decky-02"): "services" must be a non-empty list of strings
            host_uuid a number  | {"name": "decky-02", "ip": "10.0.0.9", "services": ["ssh"], "host_uuid": 3} | deckies[1] (name "decky-02"): "host_uuid" must be a string or null
            duplicate name      | {"name": "decky-01", "ip": "10.0.0.9", "services": ["ssh"]}     | deckies[1] (name "decky-01"): "name" duplicates deckies[0]
            """)
    void aDeckyThatBreaksTheSchemaMakesTheFileUnreadableNamingDeckyAndField(String label, String second,
            String expected) throws IOException {
        Path file = write(fleetOf("{\"name\": \"decky-01\", \"ip\": \"10.0.0.8\", \"services\": [\"ssh\"]}", second));

        assertThat(reason(StateFileSource.of(file).read())).startsWith(file + ": ").contains(expected);
    }

    @Test
    void aNameOf128CharactersIsAcceptedAnd129IsNot() throws IOException {
        String ok = "a".repeat(128);
        String tooLong = "b".repeat(129);

        assertThat(onlyDecky(StateFileSource.of(write(fleetOf(decky(ok)))).read()).name()).isEqualTo(ok);
        assertThat(reason(StateFileSource.of(write(fleetOf(decky(tooLong)))).read()))
                .contains("deckies[0]: \"name\" must be 1-128 characters");
    }

    @Test
    void invalidUtf8IsUnreadable() throws IOException {
        byte[] json = fleetOf(decky("d1")).getBytes(StandardCharsets.UTF_8);
        byte[] broken = Arrays.copyOf(json, json.length);
        int at = new String(json, StandardCharsets.UTF_8).indexOf("d1");
        broken[at] = (byte) 0xC3; // a UTF-8 lead byte followed by an ASCII byte
        Path file = dir.resolve("latin.json");
        Files.write(file, broken);

        assertThat(reason(StateFileSource.of(file).read())).contains("not valid JSON");
    }

    @Test
    void binaryGarbageIsUnreadable() throws IOException {
        byte[] garbage = new byte[512];
        new java.util.Random(42).nextBytes(garbage);
        Path file = dir.resolve("garbage.json");
        Files.write(file, garbage);

        assertThat(StateFileSource.of(file).read()).isInstanceOf(DesiredFleet.Unreadable.class);
    }

    @Test
    void theBuilderRejectsACapOutsideItsRangeNamingFieldRangeAndValue() {
        assertThatThrownBy(() -> StateFileSource.builder(dir).maxBytes(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBytes must be between 1 and 1073741824, was 0");
        assertThatThrownBy(() -> StateFileSource.builder(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("path");
    }

    static String specExample() throws IOException {
        try (InputStream in = StateFileSourceTest.class.getResourceAsStream("/decnet-state-example.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String fleetOf(String... deckies) {
        return "{\"config\": {\"mode\": \"unihost\", \"deckies\": [" + String.join(", ", deckies) + "]}}";
    }

    private static String decky(String name) {
        return "{\"name\": \"" + name + "\", \"ip\": \"10.0.0.8\", \"services\": [\"ssh\"]}";
    }

    private Path write(String content) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "state", ".json"), content);
    }

    private static DeckySpec onlyDecky(DesiredFleet fleet) {
        assertThat(fleet).isInstanceOf(DesiredFleet.Present.class);
        assertThat(((DesiredFleet.Present) fleet).deckies()).hasSize(1);
        return ((DesiredFleet.Present) fleet).deckies().get(0);
    }

    private static String reason(DesiredFleet fleet) {
        assertThat(fleet).isInstanceOf(DesiredFleet.Unreadable.class);
        return ((DesiredFleet.Unreadable) fleet).reason();
    }
}
