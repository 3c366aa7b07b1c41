package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.LeaseAttempt;
import io.decnet.reconciler.api.PhaseTimings;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.SourceStatus;
import io.decnet.reconciler.jdbi.JdbiFleetStore;
import io.decnet.reconciler.testkit.InMemoryWriterLease;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Passes run under the one-writer-per-host lease: one reconciler of a host at a time. */
class WriterLeaseTest {
    @TempDir
    Path dir;

    @Test
    void aPassRunsOnlyWhileThisReconcilerHoldsTheLeaseAndGivesItBackAfterwards() {
        InMemoryWriterLease leases = InMemoryWriterLease.create();
        LeasedPass mine = new LeasedPass(leases.instance("me"), "local", LoggerFactory.getLogger("test"));
        AtomicInteger ran = new AtomicInteger();

        LeaseAttempt.Held other = (LeaseAttempt.Held) leases.instance("other").tryAcquire("local");
        Optional<ReconcileReport> whileBusy = mine.run(() -> report(ran));
        assertThat(whileBusy).isEmpty();
        assertThat(mine.state()).isEqualTo(LeasedPass.State.BUSY);
        assertThat(mine.describe()).isEqualTo("standby (held by other)");
        other.close();

        Optional<ReconcileReport> whenFree = mine.run(() -> {
            assertThat(leases.holder("local")).as("held during the pass").isEqualTo("me");
            return report(ran);
        });
        assertThat(whenFree).isPresent();
        assertThat(ran).hasValue(1);
        assertThat(leases.holder("local")).as("given back after the pass").isNull();
        assertThat(mine.describe()).isEqualTo("held");

        leases.unavailable("database down");
        assertThat(mine.run(() -> report(ran))).as("runs anyway: the pass reports the database").isPresent();
        assertThat(mine.state()).isEqualTo(LeasedPass.State.UNAVAILABLE);
    }

    @Test
    void onceWaitsForALeaseHeldByAnotherReconcilerAndGivesUpAfterThePassTimeoutChangingNothing() {
        Path db = dir.resolve("decnet.db");
        Path state = StateFiles.write(dir.resolve("decnet-state.json"), "decky-01:ssh");
        try (JdbiFleetStore other = JdbiFleetStore.sqlite(db)) {
            other.prepare();
            LeaseAttempt.Held held = (LeaseAttempt.Held) other.writerLease().tryAcquire("local");

            Cli.Result r = Cli.run(Map.of(), "reconcile", "--once", "--pass-timeout", "1", "--state",
                    state.toString(), "--db", "jdbc:sqlite:" + db);

            assertThat(r.code()).as(r.toString()).isEqualTo(1);
            assertThat(r.errLines()).singleElement().asString().startsWith("error: another reconciler of host local")
                    .contains("standby (held by", "nothing was changed");
            assertThat(FleetTable.states(db, "local")).isEmpty();

            held.close();
            Cli.Result free = Cli.run(Map.of(), "reconcile", "--once", "--state", state.toString(), "--db",
                    "jdbc:sqlite:" + db);
            assertThat(free.code()).as(free.toString()).isZero();
            assertThat(FleetTable.states(db, "local")).containsOnlyKeys("decky-01");
        }
    }

    private static ReconcileReport report(AtomicInteger ran) {
        ran.incrementAndGet();
        return new ReconcileReport("local", Instant.EPOCH, false, SourceStatus.notRead(), SourceStatus.notRead(),
                List.of(), List.of(), null,
                new PhaseTimings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO));
    }
}
