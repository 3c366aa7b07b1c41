package io.decnet.reconciler.core;

import static io.decnet.reconciler.testkit.FleetAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.DesiredFleet;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.FleetStore;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.api.SkipReason;
import io.decnet.reconciler.api.StateSource;
import io.decnet.reconciler.api.WriteOutcome;
import io.decnet.reconciler.testkit.Deckies;
import io.decnet.reconciler.testkit.Rows;
import io.decnet.reconciler.testkit.junit.FleetFixture;
import io.decnet.reconciler.testkit.junit.FleetFixtureExtension;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DECNET's deployer writes the state file first, then the table. Whenever it runs between two reads of a pass, the
 * pass must not undo it: played here at each point between the reads, deterministically.
 */
class RacingDeployerTest {

    @RegisterExtension
    static final FleetFixtureExtension FLEET = FleetFixtureExtension.create().withClockAt(PassFixture.NOW);

    private final DeckySpec x = Deckies.decky("x-01").build();
    private final DeckySpec y = Deckies.decky("y-01").build();

    /**
     * Plays {@code deployer} once, right after the pass's first read of the table or the state file, whichever
     * comes first: the deployer then always lands between the two reads, whatever their order.
     */
    private static ReconcileReport passRacing(FleetFixture fleet, Runnable deployer) {
        AtomicBoolean played = new AtomicBoolean();
        Runnable once = () -> {
            if (played.compareAndSet(false, true)) {
                deployer.run();
            }
        };
        FleetStore racingStore = new FleetStore() {
            @Override
            public List<FleetRow> read(String hostUuid) {
                List<FleetRow> rows = fleet.store().read(hostUuid);
                once.run();
                return rows;
            }

            @Override
            public List<WriteOutcome> apply(String hostUuid, List<RowChange> changes) {
                return fleet.store().apply(hostUuid, changes);
            }
        };
        StateSource racingState = () -> {
            DesiredFleet desired = fleet.state().read();
            once.run();
            return desired;
        };
        ReconcileReport report = reconciler(fleet).reconcileOnce(racingState, racingStore, fleet.runtime(),
                fleet.host());
        assertThat(played).as("the deployer ran during the pass").isTrue();
        return report;
    }

    private static Reconciler reconciler(FleetFixture fleet) {
        return Reconciler.builder().clock(fleet.clock()).listener(fleet.events()).build();
    }

    @Test
    void aTeardownBetweenTheReadsIsNeverUndoneTheDeckyIsNotResurrected(FleetFixture fleet) {
        fleet.state().fleet(x, y);
        fleet.store().put(Rows.row("x-01").host(fleet.host()).build(), Rows.row("y-01").host(fleet.host()).build());
        fleet.runtime().running("x-01", "ssh").running("y-01", "ssh");
        Runnable teardown = () -> {
            fleet.state().fleet(y);                           // file first
            fleet.store().remove(fleet.host(), "x-01");       // then the table
            fleet.runtime().remove("x-01-ssh");
        };

        ReconcileReport report = passRacing(fleet, teardown);

        assertThat(fleet.store().rows(fleet.host())).extracting(FleetRow::name).containsExactly("y-01");
        assertThat(report.inserted()).isZero();
        assertThat(fleet.run(reconciler(fleet)::reconcileOnce).hasChanges()).as("the next pass finds nothing to do")
                .isFalse();
    }

    @Test
    void aDeployBetweenTheReadsIsNeverUndoneTheFreshRowIsNotDeleted(FleetFixture fleet) {
        fleet.state().fleet(y);
        fleet.store().put(Rows.row("y-01").host(fleet.host()).build());
        fleet.runtime().running("y-01", "ssh");
        Runnable deploy = () -> {
            fleet.state().fleet(x, y);
            // running, not pending: a pending row would be protected by the grace period whatever the read order
            fleet.store().put(Rows.row("x-01").host(fleet.host()).state(DeckyState.RUNNING)
                    .updatedAt(fleet.clock().instant()).build());
            fleet.runtime().running("x-01", "ssh");
        };

        ReconcileReport report = passRacing(fleet, deploy);

        assertThat(fleet.store().rows(fleet.host())).extracting(FleetRow::name)
                .containsExactlyInAnyOrder("x-01", "y-01");
        assertThat(report.deleted()).isZero();
        assertThat(report.conflicts()).as("the pass's own insert of x-01 lost to the deployer's").isEqualTo(1);
        assertThat(fleet.store()).hasRow(fleet.host(), "x-01").withState(DeckyState.RUNNING);
    }

    @Test
    void aFileThatIsBackBeforeTheDeletesOfItsAbsenceAreAppliedDeletesNothing(FleetFixture fleet) {
        fleet.store().put(Rows.row("x-01").host(fleet.host()).build(), Rows.row("y-01").host(fleet.host()).build());
        StateSource flickering = new StateSource() {
            @Override
            public DesiredFleet read() {
                return DesiredFleet.absent("decnet-state.json");
            }

            @Override
            public boolean isStillAbsent() {
                return false; // an editor wrote it back meanwhile
            }
        };

        ReconcileReport report = reconciler(fleet).reconcileOnce(flickering, fleet.store(), fleet.runtime(),
                fleet.host());

        assertThat(fleet.store().rows(fleet.host())).hasSize(2);
        assertThat(fleet.store()).hasApplyCount(0);
        assertThat(report.hasChanges()).isFalse();
        assertThat(report.skips()).singleElement().satisfies(s -> {
            assertThat(s.reason()).isEqualTo(SkipReason.STATE_CHANGED);
            assertThat(s.detail()).contains("there again");
        });
        assertThat(fleet.events().events()).isEmpty();
    }

    @Test
    void anAbsentFileThatStaysAbsentStillEmptiesTheHost(FleetFixture fleet) {
        fleet.store().put(Rows.row("x-01").host(fleet.host()).build());
        fleet.state().absent();

        assertThat(fleet.run(reconciler(fleet)::reconcileOnce).deleted()).isEqualTo(1);
        assertThat(fleet.store().rows(fleet.host())).isEmpty();
    }
}
