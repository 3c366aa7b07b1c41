package io.decnet.reconciler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostUuidsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t\n"})
    void nullEmptyAndWhiteSpaceNameNoHost(String host) {
        assertThat(HostUuids.isBlank(host)).isTrue();
        assertThatThrownBy(() -> HostUuids.require(host)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("hostUuid must not be blank; got ");
        assertThatThrownBy(() -> HostUuids.require(host, h -> "store needs a host, got " + h))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("store needs a host, got " + host);
    }

    @Test
    void theMessageQuotesTheBlankValueOrSaysNull() {
        assertThatThrownBy(() -> HostUuids.require(" ")).hasMessage("hostUuid must not be blank; got ' '");
        assertThatThrownBy(() -> HostUuids.require(null)).hasMessage("hostUuid must not be blank; got null");
    }

    @Test
    void anyOtherIdIsReturnedAsItIs() {
        assertThat(HostUuids.isBlank("local")).isFalse();
        assertThat(HostUuids.require("local")).isEqualTo("local");
        assertThat(HostUuids.require("local", h -> "unused")).isEqualTo("local");
    }

    @Test
    void aStoreAppliesAnInsertOnlyForTheHostOfItsRow() {
        RowChange insert = new RowChange.Insert(new FleetRow("host-b", "web-01", List.of("ssh"), null, null,
                DeckyState.RUNNING, null, null, null, T0));

        HostUuids.requireSameHost("host-b", insert);
        assertThatThrownBy(() -> HostUuids.requireSameHost("host-a", insert))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("insert of 'web-01' is for host 'host-b' but apply was called for host 'host-a'; a store "
                        + "never writes another host's rows");
        HostUuids.requireSameHost("host-a", new RowChange.Delete("web-01", DeckyState.RUNNING, T0));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {" local", "local ", "peer\t", "lo\ncal", "lo\u202ecal",
        "\u0000local"})
    void aPaddedHostIdOrOneWithAControlCharacterIsRefusedNeverTrimmedIntoAnotherHost(String host) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HostUuids.require(host))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("white space around it or a control character")
                .hasMessageNotContaining("\n").hasMessageNotContaining("\u202e");
    }

    @org.junit.jupiter.api.Test
    void aHostIdWithInnerSpacesOrNonAsciiLettersIsAHostId() {
        org.assertj.core.api.Assertions.assertThat(HostUuids.require("rack 12")).isEqualTo("rack 12");
        org.assertj.core.api.Assertions.assertThat(HostUuids.require("hôte-é")).isEqualTo("hôte-é");
    }
}
