package io.decnet.reconciler.jdbi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The parser-free read of a {@code services} column gives what Jackson gives, for texts built from the pieces such
 * columns hold (brackets, quotes, commas, spaces, escapes, names) in random order.
 */
class ServicesJsonProperties {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
    void readsEveryTextAsJacksonDoes(@ForAll("texts") String text) {
        assertThat(ServicesJson.read(text)).as(text).isEqualTo(jackson(text));
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> piece = Arbitraries.of("[", "]", "\"", ",", ", ", " ", "ssh", "smtp_relay", "\\\"", "\\n",
                "\u00e9", "\u0001", "1", "null", "[\"ssh\"", "\"http\"]", "[\"a\", \"b\"]", "[]");
        return piece.list().ofMaxSize(8).map(pieces -> String.join("", pieces));
    }

    private static Optional<List<String>> jackson(String text) {
        try {
            JsonNode node = JACKSON.readTree(text);
            if (node == null || !node.isArray()) {
                return Optional.empty();
            }
            List<String> services = new ArrayList<>();
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    return Optional.empty();
                }
                services.add(element.textValue());
            }
            return Optional.of(services);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
