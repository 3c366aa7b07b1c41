package io.decnet.reconciler.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.FleetRow;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RowsTest {

    @Test
    void aDefaultRowIsARunningRowOfTheLocalHostWithNullOptionalColumns() {
        FleetRow row = Rows.row("web-01").build();

        assertThat(row).isEqualTo(new FleetRow("local", "web-01", java.util.List.of("ssh"), null, null,
                DeckyState.RUNNING, null, null, null, Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void everyColumnCanBeSet() {
        Instant seen = Instant.parse("2026-02-02T10:00:00Z");
        FleetRow row = Rows.row("web-01").host("host-b").state("quarantined").services("http", "ssh")
                .ip("10.0.0.2").config("{}").lastError("boom").composeHash("abc").lastSeen(seen)
                .updatedAt(seen.plusSeconds(1)).build();

        assertThat(row).isEqualTo(new FleetRow("host-b", "web-01", java.util.List.of("http", "ssh"), "{}",
                "10.0.0.2", DeckyState.of("quarantined"), "boom", "abc", seen, seen.plusSeconds(1)));
    }

    @Test
    void aRowForADeckyMirrorsItsServicesIpConfigAndHost() {
        DeckySpec decky = Deckies.decky("web-01").ip("10.0.0.5").services("ssh", "http").host("host-b").build();

        FleetRow row = Rows.rowFor(decky).build();

        assertThat(row.hostUuid()).isEqualTo("host-b");
        assertThat(row.services()).containsExactly("ssh", "http");
        assertThat(row.deckyIp()).isEqualTo("10.0.0.5");
        assertThat(row.deckyConfig()).isEqualTo(decky.configJson());
        assertThat(Rows.rowFor(Deckies.decky("x").build()).build().hostUuid()).isEqualTo(Rows.DEFAULT_HOST);
    }

    @Test
    void aBlankNameOrHostIsRejected() {
        assertThatThrownBy(() -> Rows.row("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> Rows.row("web-01").host(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host");
    }
}
