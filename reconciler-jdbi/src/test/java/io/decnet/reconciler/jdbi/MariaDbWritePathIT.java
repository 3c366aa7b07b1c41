package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.WriteOutcome;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.testkit.Rows;
import io.decnet.reconciler.jdbi.internal.JdbcTarget;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Round trips and transactions on the MariaDB server that databases.sh starts. */
class MariaDbWritePathIT extends WritePathSuite {
    @Override
    protected TestDatabase database() {
        return TestDatabase.mariadb();
    }

    @Test
    void aUrlAskingForBulkBatchesStillGetsExactPerRowOutcomes() {
        FleetRow row = Rows.row("decky-01").state(DeckyState.RUNNING).updatedAt(T0).build();
        store.apply(HOST, List.of(new RowChange.Insert(row)));
        JdbiFleetStore bulk = JdbiFleetStore.builder()
                .jdbcUrl(db.jdbcUrl() + "&useServerPrepStmts=true&useBulkStmts=true").tableName(table).build();

        assertThat(bulk.apply(HOST, List.of(
                new RowChange.Update("decky-01", DeckyState.RUNNING, T0, DeckyState.FAILED, List.of("ssh"), null, null,
                        null, T1),
                new RowChange.Update("decky-02", DeckyState.RUNNING, T0, DeckyState.FAILED, List.of("ssh"), null, null,
                        null, T1),
                new RowChange.Insert(Rows.row("decky-01").build()),
                new RowChange.Insert(Rows.row("decky-03").build()))))
                .containsExactly(WriteOutcome.APPLIED, WriteOutcome.CONFLICT, WriteOutcome.CONFLICT,
                        WriteOutcome.APPLIED);
    }

    @Test
    void theStoresConnectionsCountAnInsertThatHitsAnExistingKeyAsNoRowSoALostInsertRaceIsAConflict()
            throws Exception {
        // The race itself (NOT EXISTS passes, then a concurrent insert wins the key) cannot be timed from a test;
        // this checks the premise the store relies on, on the real server, with the properties the store uses.
        store.apply(HOST, List.of(new RowChange.Insert(Rows.row("decky-01").updatedAt(T0).build())));
        JdbcTarget target = JdbcTarget.of(db.jdbcUrl());

        try (Connection c = DriverManager.getConnection(target.url(), target.properties(Duration.ofSeconds(1), false));
                PreparedStatement duplicate = c.prepareStatement("INSERT INTO " + table
                        + " (host_uuid, name, services, state, updated_at) VALUES (?, 'decky-01', '[]', 'pending',"
                        + " NOW()) ON DUPLICATE KEY UPDATE name = name")) {
            duplicate.setString(1, HOST);

            assertThat(duplicate.executeUpdate()).isZero();
        }
        assertThat(store.read(HOST)).singleElement().extracting(FleetRow::state).isEqualTo(DeckyState.RUNNING);
    }
}
