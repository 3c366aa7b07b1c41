package io.decnet.reconciler.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.DesiredFleet;
import org.junit.jupiter.api.Test;

class InMemoryStateSourceTest {
    private final InMemoryStateSource source = InMemoryStateSource.create();

    @Test
    void aNewSourceHoldsAPresentEmptyFleet() {
        assertThat(source.read()).isEqualTo(DesiredFleet.present(java.util.List.of()));
    }

    @Test
    void theLastSettingWinsAndEveryReadIsCounted() {
        DeckySpec web = Deckies.decky("web-01").build();

        source.unreadable("truncated");
        assertThat(source.read()).isEqualTo(DesiredFleet.unreadable("truncated"));
        source.absent();
        assertThat(source.read()).isEqualTo(DesiredFleet.absent(InMemoryStateSource.LOCATION));
        source.fleet(web);
        assertThat(source.read()).isEqualTo(DesiredFleet.present(java.util.List.of(web)));

        assertThat(source.readCount()).isEqualTo(3);
    }

    @Test
    void aFleetNamingADeckyTwiceIsRejectedPointingToUnreadable() {
        DeckySpec web = Deckies.decky("web-01").build();

        assertThatThrownBy(() -> source.fleet(web, Deckies.decky("web-01").ip("10.0.0.99").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'web-01' twice")
                .hasMessageContaining("unreadable(reason)");
    }

    @Test
    void anUnreadableSourceNeedsAReason() {
        assertThatThrownBy(() -> source.unreadable(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason");
    }
}
