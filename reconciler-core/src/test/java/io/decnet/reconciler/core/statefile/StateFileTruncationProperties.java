package io.decnet.reconciler.core.statefile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.decnet.reconciler.api.DesiredFleet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** A state file cut short anywhere is never a smaller fleet: it is unreadable (or, if only blanks were cut, whole). */
class StateFileTruncationProperties {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ScratchStateFile file;

    @BeforeContainer
    static void createDirectory() throws IOException {
        file = ScratchStateFile.create("state-file-truncation");
    }

    @AfterContainer
    static void deleteDirectory() throws IOException {
        file.delete();
    }

    @Property(tries = 25)
    void aTruncatedFileIsNeverReadAsAFleetWithFewerDeckies(@ForAll("stateFiles") String json) throws IOException {
        byte[] full = json.getBytes(StandardCharsets.UTF_8);
        DesiredFleet whole = read(full);
        assertThat(whole).isInstanceOf(DesiredFleet.Present.class);

        for (int length = 0; length < full.length; length++) {
            DesiredFleet cut = read(Arrays.copyOf(full, length));

            if (!(cut instanceof DesiredFleet.Unreadable)) {
                assertThat(cut).as("cut to %d of %d bytes", length, full.length).isEqualTo(whole);
            }
        }
    }

    private static DesiredFleet read(byte[] bytes) {
        return file.read(bytes);
    }


    @Provide
    Arbitrary<String> stateFiles() {
        Arbitrary<ObjectNode> decky = Combinators.combine(
                        Arbitraries.strings().withChars("abcdefghij0123456789-_.").ofMinLength(1).ofMaxLength(12),
                        Arbitraries.integers().between(2, 254),
                        Arbitraries.of("ssh", "http", "smtp_relay", "ftp", "mysql").list().ofMinSize(1).ofMaxSize(4),
                        Arbitraries.strings().ofMaxLength(8),
                        Arbitraries.doubles().between(0, 2e9).ofScale(3),
                        Arbitraries.of("host-b", "").injectNull(0.5))
                .as((name, ip, services, note, mutated, host) -> {
                    ObjectNode node = JSON.createObjectNode();
                    node.put("name", name);
                    node.put("ip", "10.0.0." + ip);
                    ArrayNode list = node.putArray("services");
                    services.forEach(list::add);
                    node.put("hostname", note);
                    node.put("last_mutated", mutated);
                    node.putObject("service_config").putArray("ports").add(22).add(80);
                    node.put("host_uuid", host);
                    return node;
                });
        return Combinators.combine(
                        decky.list().ofMaxSize(5).uniqueElements(d -> d.get("name").asText()),
                        Arbitraries.of(true, false))
                .as((deckies, pretty) -> {
                    ObjectNode root = JSON.createObjectNode();
                    ObjectNode config = root.putObject("config");
                    config.put("mode", "unihost");
                    config.putArray("deckies").addAll(List.copyOf(deckies));
                    config.put("mutate_interval", 30);
                    root.put("compose_path", "/var/lib/decnet/decnet-compose.yml");
                    try {
                        return pretty ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n"
                                : JSON.writeValueAsString(root);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }
}
