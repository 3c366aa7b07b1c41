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
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * DECNET's deployer writes the state file first, then the table. Whenever it runs between two reads of a pass, the
 * pass must not undo it: played here at each point between the reads, deterministically.
 */
class RacingDeployerTest extends PassFixture {

    private final DeckySpec x = Deckies.decky("x-01").build();
    private final DeckySpec y = Deckies.decky("y-01").build();

    /**
     * Plays {@code deployer} once, right after the pass's first read of the table or the state file, whichever
     * comes first: the deployer then always lands between the two reads, whatever their order.
     */
    private ReconcileReport passRacing(Runnable deployer) {
        AtomicBoolean played = new AtomicBoolean();
        Runnable once = () -> {
            if (played.compareAndSet(false, true)) {
                deployer.run();
            }
        };
        FleetStore racingStore = new FleetStore() {
            @Override
            public List<FleetRow> read(String hostUuid) {
                List<FleetRow> rows = store.read(hostUuid);
                once.run();
                return rows;
            }

            @Override
            public List<WriteOutcome> apply(String hostUuid, List<RowChange> changes) {
                return store.apply(hostUuid, changes);
            }
        };
        StateSource racingState = () -> {
            DesiredFleet fleet = state.read();
            once.run();
            return fleet;
        };
        ReconcileReport report = reconciler(ReconcilePolicy.defaults()).reconcileOnce(racingState, racingStore,
                docker, HOST);
        assertThat(played).as("the deployer ran during the pass").isTrue();
        return report;
    }

    @Test
    void aTeardownBetweenTheReadsIsNeverUndoneTheDeckyIsNotResurrected() {
        state.fleet(x, y);
        store.put(Rows.row("x-01").host(HOST).build(), Rows.row("y-01").host(HOST).build());
        docker.running("x-01", "ssh").running("y-01", "ssh");
        Runnable teardown = () -> {
            state.fleet(y);                                   // file first
            store.remove(HOST, "x-01");                       // then the table
            docker.remove("x-01-ssh");
        };

        ReconcileReport report = passRacing(teardown);

        assertThat(store.rows(HOST)).extracting(FleetRow::name).containsExactly("y-01");
        assertThat(report.inserted()).isZero();
        assertThat(pass().hasChanges()).as("the next pass finds nothing to do").isFalse();
    }

    @Test
    void aDeployBetweenTheReadsIsNeverUndoneTheFreshRowIsNotDeleted() {
        state.fleet(y);
        store.put(Rows.row("y-01").host(HOST).build());
        docker.running("y-01", "ssh");
        Runnable deploy = () -> {
            state.fleet(x, y);
            // running, not pending: a pending row would be protected by the grace period whatever the read order
            store.put(Rows.row("x-01").host(HOST).state(DeckyState.RUNNING).updatedAt(NOW).build());
            docker.running("x-01", "ssh");
        };

        ReconcileReport report = passRacing(deploy);

        assertThat(store.rows(HOST)).extracting(FleetRow::name).containsExactlyInAnyOrder("x-01", "y-01");
        assertThat(report.deleted()).isZero();
        assertThat(report.conflicts()).as("the pass's own insert of x-01 lost to the deployer's").isEqualTo(1);
        assertThat(store).hasRow(HOST, "x-01").withState(DeckyState.RUNNING);
    }

    @Test
    void aFileThatIsBackBeforeTheDeletesOfItsAbsenceAreAppliedDeletesNothing() {
        store.put(Rows.row("x-01").host(HOST).build(), Rows.row("y-01").host(HOST).build());
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

        ReconcileReport report = reconciler(ReconcilePolicy.defaults()).reconcileOnce(flickering, store, docker,
                HOST);

        assertThat(store.rows(HOST)).hasSize(2);
        assertThat(store).hasApplyCount(0);
        assertThat(report.hasChanges()).isFalse();
        assertThat(report.skips()).singleElement().satisfies(s -> {
            assertThat(s.reason()).isEqualTo(SkipReason.STATE_CHANGED);
            assertThat(s.detail()).contains("there again");
        });
        assertThat(events.events()).isEmpty();
    }

    @Test
    void anAbsentFileThatStaysAbsentStillEmptiesTheHost() {
        store.put(Rows.row("x-01").host(HOST).build());
        state.absent();

        assertThat(pass().deleted()).isEqualTo(1);
        assertThat(store.rows(HOST)).isEmpty();
    }
}
