package io.decnet.reconciler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DesiredFleetTest {

    private static DeckySpec decky(String name, String host) {
        return new DeckySpec(name, "10.0.0.1", List.of("ssh"), host, "{}");
    }

    @Test
    void aPresentFleetRejectsADuplicateName() {
        assertThatThrownBy(() -> DesiredFleet.present(List.of(decky("a", null), decky("a", null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a' twice");
    }

    @Test
    void aDeckyWithoutHostBelongsToEveryHostAndOneWithAHostOnlyToIt() {
        assertThat(decky("a", null).belongsTo("local")).isTrue();
        assertThat(decky("a", "").belongsTo("local")).isTrue();
        assertThat(decky("a", "peer").belongsTo("local")).isFalse();
        assertThat(decky("a", "peer").belongsTo("peer")).isTrue();
    }

    @Test
    void aDeckyNeedsAtLeastOneService() {
        assertThatThrownBy(() -> new DeckySpec("a", "10.0.0.1", List.of(), null, "{}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a'");
    }

    @Test
    void sourceStatusTellsWhetherTheInputWasUsable() {
        assertThat(SourceStatus.of(DesiredFleet.absent("/x")).usable()).isTrue();
        assertThat(SourceStatus.of(DesiredFleet.unreadable("truncated")).summary()).contains("truncated");
        assertThat(SourceStatus.of(RuntimeObservation.unreachable("refused")).usable()).isFalse();
    }

    @Test
    void containerNamesReplaceUnderscoresInTheServiceOnly() {
        DeckySpec decky = new DeckySpec("decky_01", "10.0.0.1", List.of("ssh", "smtp_relay"), null, "{}");

        assertThat(decky.containerNames()).containsExactly("decky_01-ssh", "decky_01-smtp-relay");
    }

    @Test
    void aDeckyNameMustBeWhatDecnetAllows() {
        assertThat(new DeckySpec("a.b_c-9", "10.0.0.1", List.of("ssh"), null, "{}").name()).isEqualTo("a.b_c-9");
        for (String bad : List.of("", "bad name", "x".repeat(129), "décky", "a/b")) {
            assertThatThrownBy(() -> new DeckySpec(bad, "10.0.0.1", List.of("ssh"), null, "{}"))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 128");
        }
    }
}
