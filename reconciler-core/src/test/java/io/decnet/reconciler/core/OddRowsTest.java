package io.decnet.reconciler.core;

import static io.decnet.reconciler.testkit.FleetAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.FleetEvent;
import io.decnet.reconciler.api.OddRow;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.SkipReason;
import io.decnet.reconciler.testkit.Deckies;
import io.decnet.reconciler.testkit.Rows;
import io.decnet.reconciler.testkit.junit.FleetFixture;
import io.decnet.reconciler.testkit.junit.FleetFixtureExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A row DECNET would not have written never stops a pass: it is compared like the others, and reported. */
class OddRowsTest {

    @RegisterExtension
    static final FleetFixtureExtension FLEET = FleetFixtureExtension.create().withClockAt(PassFixture.NOW);

    private static ReconcileReport pass(FleetFixture fleet) {
        return fleet.run(Reconciler.builder().clock(fleet.clock()).listener(fleet.events()).build()::reconcileOnce);
    }

    @ParameterizedTest(name = "state ''{0}''")
    @ValueSource(strings = {"", "   ", "RUNNING", "exploded", "running\n"})
    void aRowWithABlankOrUnknownStateTakesDockersStateAndIsNamed(String stored, FleetFixture fleet) {
        fleet.state().fleet(Deckies.decky("web-01").build());
        fleet.store().put(Rows.row("web-01").host(fleet.host()).state(stored).build());
        fleet.runtime().running("web-01", "ssh");

        ReconcileReport report = pass(fleet);

        assertThat(report).hasCounts(0, 0, 1).hasNoFailure();
        assertThat(fleet.store()).hasRow(fleet.host(), "web-01").withState(DeckyState.RUNNING);
        assertThat(fleet.events().events()).containsExactly(
                FleetEvent.stateChanged(fleet.host(), "web-01", DeckyState.of(stored), DeckyState.RUNNING));
        assertThat(report.oddRows()).singleElement().satisfies(odd -> {
            assertThat(odd.name()).isEqualTo("web-01");
            assertThat(odd.describe()).startsWith("state ").doesNotContain("\n");
        });
    }

    @Test
    void whileDockerIsUnreachableABlankStateIsLeftAloneAndTheRowStillFollowsTheFile(FleetFixture fleet) {
        fleet.state().fleet(Deckies.decky("web-01").services("ssh", "http").ip("10.0.0.9").build());
        fleet.store().put(Rows.row("web-01").host(fleet.host()).state("").services().anomaly("services is NULL")
                .build());
        fleet.runtime().unreachable("socket gone");

        ReconcileReport report = pass(fleet);

        assertThat(report).hasCounts(0, 0, 0);
        assertThat(report.configUpdated()).isEqualTo(1);
        assertThat(fleet.store()).hasRow(fleet.host(), "web-01").withState(DeckyState.of(""))
                .withServices("ssh", "http").withIp("10.0.0.9");
        assertThat(report.oddRows()).containsExactly(new OddRow("web-01",
                java.util.List.of("services is NULL", "state is blank")));
    }

    @Test
    void anOddRowWhoseDeckyLeftTheFileIsDeleted(FleetFixture fleet) {
        fleet.state().fleet();
        fleet.store().put(Rows.row("gone-01").host(fleet.host()).state(" ")
                .anomaly("services is not a JSON array of strings: 'x'").build());

        ReconcileReport report = pass(fleet);

        assertThat(report).hasCounts(0, 1, 0);
        assertThat(fleet.store().rows(fleet.host())).isEmpty();
        assertThat(report.oddRows()).extracting(OddRow::name).containsExactly("gone-01");
    }

    @Test
    void aRowWhoseUpdatedAtIsUnreadableIsRewrittenAndDeletedConditionally(FleetFixture fleet) {
        fleet.state().fleet(Deckies.decky("keep-01").build());
        fleet.store().put(Rows.row("keep-01").host(fleet.host()).unreadableUpdatedAt().build(),
                Rows.row("drop-01").host(fleet.host()).unreadableUpdatedAt().build());
        fleet.runtime().stopped("keep-01", "ssh");

        ReconcileReport report = pass(fleet);

        assertThat(report).hasCounts(0, 1, 1).hasNoFailure();
        assertThat(report.conflicts()).isZero();
        assertThat(fleet.store()).hasRow(fleet.host(), "keep-01").withState(DeckyState.FAILED)
                .withUpdatedAt(fleet.clock().instant());
        assertThat(report.oddRows()).extracting(OddRow::name).containsExactlyInAnyOrder("keep-01", "drop-01");
    }

    @Test
    void aPendingRowWhoseUpdatedAtIsUnreadableCannotClaimAGracePeriod(FleetFixture fleet) {
        fleet.state().fleet(Deckies.decky("web-01").build());
        fleet.store().put(Rows.row("web-01").host(fleet.host()).state(DeckyState.PENDING).unreadableUpdatedAt()
                .build());
        fleet.runtime().running("web-01", "ssh");

        ReconcileReport report = pass(fleet);

        assertThat(report).hasCounts(0, 0, 1);
        assertThat(report.skips()).noneMatch(s -> s.reason() == SkipReason.TRANSITION_IN_FLIGHT);
    }

    @Test
    void aPendingRowWithinItsGracePeriodIsStillLeftAloneWhateverItsColumnsHold(FleetFixture fleet) {
        fleet.state().fleet(Deckies.decky("web-01").build());
        fleet.store().put(Rows.row("web-01").host(fleet.host()).state(DeckyState.PENDING)
                .updatedAt(fleet.clock().instant().minus(Duration.ofMinutes(1)))
                .services().anomaly("services is NULL").build());
        fleet.runtime().running("web-01", "ssh");

        ReconcileReport report = pass(fleet);

        assertThat(report.hasChanges()).isFalse();
        assertThat(report.oddRows()).extracting(OddRow::name).containsExactly("web-01");
        assertThat(report.skips()).singleElement().extracting(s -> s.reason())
                .isEqualTo(SkipReason.TRANSITION_IN_FLIGHT);
    }

    @Test
    void aConfigThatIsNotAnObjectIsNamedAndRewritten(FleetFixture fleet) {
        var decky = Deckies.decky("web-01").build();
        fleet.state().fleet(decky);
        fleet.store().put(Rows.row("web-01").host(fleet.host()).config("[1, 2]").build());
        fleet.runtime().running("web-01", "ssh");

        ReconcileReport report = pass(fleet);

        assertThat(report.configUpdated()).isEqualTo(1);
        assertThat(fleet.store()).hasRow(fleet.host(), "web-01").withConfig(decky.configJson());
        assertThat(report.oddRows()).singleElement().extracting(OddRow::describe)
                .isEqualTo("decky_config is not a JSON object");
    }

    @Test
    void wellFormedRowsAreNotOdd(FleetFixture fleet) {
        fleet.state().fleet(Deckies.decky("web-01").build());
        fleet.store().put(Rows.row("web-01").host(fleet.host()).state(DeckyState.TEARDOWN_FAILED).config(null)
                        .ip(null).build(),
                Rows.row("peer-01").host(PassFixture.PEER).state("").build());
        fleet.runtime().running("web-01", "ssh");

        assertThat(pass(fleet).oddRows()).isEmpty();
    }
}
