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
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A row DECNET would not have written never stops a pass: it is compared like the others, and reported. */
class OddRowsTest extends PassFixture {

    @ParameterizedTest(name = "state ''{0}''")
    @ValueSource(strings = {"", "   ", "RUNNING", "exploded", "running\n"})
    void aRowWithABlankOrUnknownStateTakesDockersStateAndIsNamed(String stored) {
        state.fleet(Deckies.decky("web-01").build());
        store.put(Rows.row("web-01").host(HOST).state(stored).build());
        docker.running("web-01", "ssh");

        ReconcileReport report = pass();

        assertThat(report).hasCounts(0, 0, 1).hasNoFailure();
        assertThat(store).hasRow(HOST, "web-01").withState(DeckyState.RUNNING);
        assertThat(events.events()).containsExactly(
                FleetEvent.stateChanged(HOST, "web-01", DeckyState.of(stored), DeckyState.RUNNING));
        assertThat(report.oddRows()).singleElement().satisfies(odd -> {
            assertThat(odd.name()).isEqualTo("web-01");
            assertThat(odd.describe()).startsWith("state ").doesNotContain("\n");
        });
    }

    @Test
    void whileDockerIsUnreachableABlankStateIsLeftAloneAndTheRowStillFollowsTheFile() {
        state.fleet(Deckies.decky("web-01").services("ssh", "http").ip("10.0.0.9").build());
        store.put(Rows.row("web-01").host(HOST).state("").services().anomaly("services is NULL").build());
        docker.unreachable("socket gone");

        ReconcileReport report = pass();

        assertThat(report).hasCounts(0, 0, 0);
        assertThat(report.configUpdated()).isEqualTo(1);
        assertThat(store).hasRow(HOST, "web-01").withState(DeckyState.of("")).withServices("ssh", "http")
                .withIp("10.0.0.9");
        assertThat(report.oddRows()).containsExactly(new OddRow("web-01",
                java.util.List.of("services is NULL", "state is blank")));
    }

    @Test
    void anOddRowWhoseDeckyLeftTheFileIsDeleted() {
        state.fleet();
        store.put(Rows.row("gone-01").host(HOST).state(" ").anomaly("services is not a JSON array of strings: 'x'")
                .build());

        ReconcileReport report = pass();

        assertThat(report).hasCounts(0, 1, 0);
        assertThat(store.rows(HOST)).isEmpty();
        assertThat(report.oddRows()).extracting(OddRow::name).containsExactly("gone-01");
    }

    @Test
    void aRowWhoseUpdatedAtIsUnreadableIsRewrittenAndDeletedConditionally() {
        state.fleet(Deckies.decky("keep-01").build());
        store.put(Rows.row("keep-01").host(HOST).unreadableUpdatedAt().build(),
                Rows.row("drop-01").host(HOST).unreadableUpdatedAt().build());
        docker.stopped("keep-01", "ssh");

        ReconcileReport report = pass();

        assertThat(report).hasCounts(0, 1, 1).hasNoFailure();
        assertThat(report.conflicts()).isZero();
        assertThat(store).hasRow(HOST, "keep-01").withState(DeckyState.FAILED).withUpdatedAt(NOW);
        assertThat(report.oddRows()).extracting(OddRow::name).containsExactlyInAnyOrder("keep-01", "drop-01");
    }

    @Test
    void aPendingRowWhoseUpdatedAtIsUnreadableCannotClaimAGracePeriod() {
        state.fleet(Deckies.decky("web-01").build());
        store.put(Rows.row("web-01").host(HOST).state(DeckyState.PENDING).unreadableUpdatedAt().build());
        docker.running("web-01", "ssh");

        ReconcileReport report = pass();

        assertThat(report).hasCounts(0, 0, 1);
        assertThat(report.skips()).noneMatch(s -> s.reason() == SkipReason.TRANSITION_IN_FLIGHT);
    }

    @Test
    void aPendingRowWithinItsGracePeriodIsStillLeftAloneWhateverItsColumnsHold() {
        state.fleet(Deckies.decky("web-01").build());
        store.put(Rows.row("web-01").host(HOST).state(DeckyState.PENDING).updatedAt(ago(Duration.ofMinutes(1)))
                .services().anomaly("services is NULL").build());
        docker.running("web-01", "ssh");

        ReconcileReport report = pass();

        assertThat(report.hasChanges()).isFalse();
        assertThat(report.oddRows()).extracting(OddRow::name).containsExactly("web-01");
        assertThat(report.skips()).singleElement().extracting(s -> s.reason())
                .isEqualTo(SkipReason.TRANSITION_IN_FLIGHT);
    }

    @Test
    void aConfigThatIsNotAnObjectIsNamedAndRewritten() {
        var decky = Deckies.decky("web-01").build();
        state.fleet(decky);
        store.put(Rows.row("web-01").host(HOST).config("[1, 2]").build());
        docker.running("web-01", "ssh");

        ReconcileReport report = pass();

        assertThat(report.configUpdated()).isEqualTo(1);
        assertThat(store).hasRow(HOST, "web-01").withConfig(decky.configJson());
        assertThat(report.oddRows()).singleElement().extracting(OddRow::describe)
                .isEqualTo("decky_config is not a JSON object");
    }

    @Test
    void wellFormedRowsAreNotOdd() {
        state.fleet(Deckies.decky("web-01").build());
        store.put(Rows.row("web-01").host(HOST).state(DeckyState.TEARDOWN_FAILED).config(null).ip(null).build(),
                Rows.row("peer-01").host(PEER).state("").build());
        docker.running("web-01", "ssh");

        assertThat(pass().oddRows()).isEmpty();
    }
}
