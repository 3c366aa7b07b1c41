package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.LeaseAttempt;
import io.decnet.reconciler.jdbi.JdbiFleetStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --once} under the one-writer-per-host lease (the lease itself: {@code LeasedPass} in core). */
class WriterLeaseTest {
    @TempDir
    Path dir;

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
}
