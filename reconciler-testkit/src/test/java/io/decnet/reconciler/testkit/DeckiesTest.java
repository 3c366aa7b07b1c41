package io.decnet.reconciler.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.DeckySpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeckiesTest {

    @Test
    void aDefaultDeckyIsWrittenAsDecnetWouldWriteIt() {
        DeckySpec decky = Deckies.decky("decky-01").build();

        assertThat(decky.name()).isEqualTo("decky-01");
        assertThat(decky.ip()).isEqualTo(Deckies.DEFAULT_IP);
        assertThat(decky.services()).containsExactly("ssh");
        assertThat(decky.hostUuid()).isNull();
        assertThat(decky.configJson()).isEqualTo(
                "{\"name\":\"decky-01\",\"ip\":\"10.0.0.10\",\"services\":[\"ssh\"],\"host_uuid\":null}");
    }

    @Test
    void extraFieldsComeInTheOrderAddedBeforeHostUuidWhichComesLast() {
        Map<String, Object> serviceConfig = new LinkedHashMap<>();
        serviceConfig.put("ssh", Map.of("port", 2222));
        serviceConfig.put("banner", null);

        DeckySpec decky = Deckies.decky("web-01").ip("10.0.0.11").services("ssh", "smtp_relay").host("host-b")
                .field("distro", "debian").field("last_mutated", 0.0).field("ipvlan", false)
                .field("tags", List.of("a", 1)).field("service_config", serviceConfig)
                .rawField("mutate_interval", " 30 ")
                .build();

        assertThat(decky.hostUuid()).isEqualTo("host-b");
        assertThat(decky.configJson()).isEqualTo("{\"name\":\"web-01\",\"ip\":\"10.0.0.11\","
                + "\"services\":[\"ssh\",\"smtp_relay\"],\"distro\":\"debian\",\"last_mutated\":0.0,"
                + "\"ipvlan\":false,\"tags\":[\"a\",1],\"service_config\":{\"ssh\":{\"port\":2222},\"banner\":null},"
                + "\"mutate_interval\":30,\"host_uuid\":\"host-b\"}");
        assertThat(Json.problem(decky.configJson())).isNull();
    }

    @Test
    void stringsAreEscapedSoTheTextStaysValidJson() {
        DeckySpec decky = Deckies.decky("web-01").ip("we\"ird\\ip").field("note", "line\nnext\ttab\u0001 ü 日本")
                .build();

        assertThat(decky.configJson())
                .startsWith("{\"name\":\"web-01\",\"ip\":\"we\\\"ird\\\\ip\"")
                .contains("\"note\":\"line\\nnext\\ttab\\u0001 ü 日本\"");
        assertThat(Json.problem(decky.configJson())).isNull();
    }

    @Test
    void addingAFieldAgainReplacesItsValueInPlace() {
        DeckySpec decky = Deckies.decky("web-01").field("distro", "debian").field("hostname", "h")
                .field("distro", "ubuntu").build();

        assertThat(decky.configJson()).contains("\"distro\":\"ubuntu\",\"hostname\":\"h\"")
                .doesNotContain("debian");
    }

    @Test
    void decnetDefaultsAddTheOptionalFieldsWithoutOverridingOnesAlreadySet() {
        DeckySpec decky = Deckies.decky("web-01").field("distro", "alpine").decnetDefaults().build();

        assertThat(decky.configJson())
                .contains("\"distro\":\"alpine\"", "\"hostname\":\"web-01\"", "\"service_config\":{}",
                        "\"archetype\":null", "\"last_login_attempt\":0.0")
                .endsWith("\"host_uuid\":null}");
        assertThat(Json.problem(decky.configJson())).isNull();
    }

    @Test
    void misuseIsRejectedNamingTheFieldAndTheValueGiven() {
        assertThatThrownBy(() -> Deckies.decky(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must not be blank, got \" \"");
        assertThatThrownBy(() -> Deckies.decky("web-01").services()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one service");
        assertThatThrownBy(() -> Deckies.decky("web-01").services("ssh", "")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("each service");
        assertThatThrownBy(() -> Deckies.decky("web-01").field("host_uuid", "b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use host(..)");
        assertThatThrownBy(() -> Deckies.decky("web-01").field("when", java.time.Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.time.Instant");
        assertThatThrownBy(() -> Deckies.decky("web-01").field("x", Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Deckies.decky("web-01").rawField("x", "{\"a\":}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field 'x' is not valid JSON");
    }

    @Test
    void aRawNanOrInfinityIsAcceptedBareAsPythonWritesItAndTheStateFileReaderReadsIt() {
        DeckySpec decky = Deckies.decky("web-01").rawField("last_mutated", "NaN")
                .rawField("mutate_interval", "Infinity").rawField("drift", "[-Infinity]").build();

        assertThat(decky.configJson()).contains("\"last_mutated\":NaN,\"mutate_interval\":Infinity,"
                + "\"drift\":[-Infinity]");
        assertThat(Json.problem(decky.configJson())).isNull();
        assertThatThrownBy(() -> Deckies.decky("web-01").rawField("x", "nan"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field 'x' is not valid JSON");
    }

    @Test
    void aRawFieldTheStateFileReaderWouldRefuseIsRejected() {
        assertThatThrownBy(() -> Deckies.decky("web-01").rawField("x", "{\"a\":1,\"a\":2}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> Deckies.decky("web-01").rawField("x", "[1, /* two */ 2]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field 'x' is not valid JSON");
    }

    @Test
    void theStateFileListsTheDeckiesInOrderInsideConfig() {
        DeckySpec a = Deckies.decky("a").build();
        DeckySpec b = Deckies.decky("b").services("http").build();

        String file = Deckies.stateFileJson(List.of(a, b));

        assertThat(Json.problem(file)).isNull();
        assertThat(file).startsWith("{\"config\":{").contains("\"deckies\":[" + a.configJson() + ","
                + b.configJson() + "]").contains("\"compose_path\":");
        assertThat(Deckies.stateFileJson(List.of())).contains("\"deckies\":[]");
    }
}
