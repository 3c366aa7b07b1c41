package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.FleetStoreException;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.api.WriteOutcome;
import io.decnet.reconciler.jdbi.CountingDataSource.Execution;
import io.decnet.reconciler.testkit.Rows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Round trips and transactions, counted at the JDBC level: a read is one SELECT, a pass is one transaction with
 * one batch per kind of change and per thousand rows, and a failure in the middle of a pass leaves nothing
 * of it behind. Each database's test class extends this.
 */
abstract class WritePathSuite {
    static final String HOST = "local";
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final Instant T1 = Instant.parse("2026-01-01T10:05:00Z");

    protected TestDatabase db;
    protected String table;
    protected CountingDataSource counting;
    protected JdbiFleetStore store;

    protected abstract TestDatabase database();

    @BeforeEach
    void prepareStore() {
        db = database();
        table = TestDatabase.uniqueTable("writes");
        counting = new CountingDataSource(db.jdbcUrl());
        store = JdbiFleetStore.builder().dataSource(counting).tableName(table).build();
        store.prepare();
        counting.reset();
    }

    @AfterEach
    void dropTable() {
        if (db != null) { // null when the database was missing and the test skipped
            db.dropTable(table);
        }
    }

    @Test
    void aReadIsExactlyOneSelectOfThatHostAndNoTransaction() {
        insert(rows("decky-", 3, T0));
        counting.reset();

        assertThat(store.read(HOST)).hasSize(3);

        assertThat(counting.executions()).singleElement().satisfies(execution -> {
            assertThat(execution.isSelect()).isTrue();
            assertThat(execution.sql()).contains("FROM " + quoted() + " WHERE host_uuid = ?");
        });
        assertThat(counting.commits()).isZero();
        assertThat(counting.connections()).isEqualTo(1);
    }

    @Test
    void tenThousandInsertsAreTenBatchesOfAThousandInOneTransaction() throws SQLException {
        List<RowChange> inserts = new ArrayList<>();
        rows("bulk-", 10_000, T0).forEach(row -> inserts.add(new RowChange.Insert(row)));

        assertThat(store.apply(HOST, inserts)).hasSize(10_000).containsOnly(WriteOutcome.APPLIED);

        assertThat(counting.executions()).hasSize(10).allSatisfy(execution -> {
            assertThat(execution.method()).isEqualTo("executeBatch");
            assertThat(execution.batchSize()).isEqualTo(1_000);
            assertThat(execution.sql()).startsWith("INSERT INTO " + quoted());
        });
        assertThat(counting.commits()).isEqualTo(1);
        assertThat(counting.connections()).isEqualTo(1);
        assertThat(countRows()).isEqualTo(10_000);
    }

    @Test
    void aPassWithEveryKindOfChangeIsOneBatchPerKindInOneTransaction() {
        insert(rows("old-", 100, T0));
        counting.reset();
        List<RowChange> changes = new ArrayList<>();
        for (FleetRow row : store.read(HOST)) {
            changes.add(row.name().compareTo("old-050") < 0
                    ? new RowChange.Delete(row.name(), row.state(), row.updatedAt())
                    : new RowChange.Update(row.name(), row.state(), row.updatedAt(), DeckyState.FAILED, row.services(),
                            row.deckyIp(), row.deckyConfig(), T1, T1));
        }
        rows("new-", 100, T1).forEach(row -> changes.add(new RowChange.Insert(row)));
        counting.reset();

        assertThat(store.apply(HOST, changes)).hasSize(200).containsOnly(WriteOutcome.APPLIED);

        assertThat(counting.executions()).extracting(Execution::method, Execution::batchSize)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("executeBatch", 100),
                        org.assertj.core.groups.Tuple.tuple("executeBatch", 50),
                        org.assertj.core.groups.Tuple.tuple("executeBatch", 50));
        assertThat(counting.commits()).isEqualTo(1);
        assertThat(store.read(HOST)).hasSize(150).filteredOn(row -> row.name().startsWith("old-"))
                .extracting(FleetRow::state).containsOnly(DeckyState.FAILED);
    }

    @Test
    void changesThatNameTheSameDeckyTwiceApplyInTheirOrder() {
        FleetRow first = Rows.row("decky-01").state(DeckyState.TORN_DOWN).updatedAt(T0).build();
        insert(List.of(first));
        counting.reset();
        FleetRow second = Rows.row("decky-01").state(DeckyState.PENDING).updatedAt(T1).build();

        assertThat(store.apply(HOST, List.of(
                new RowChange.Delete("decky-01", DeckyState.TORN_DOWN, T0),
                new RowChange.Insert(second),
                new RowChange.Update("decky-01", DeckyState.PENDING, T1, DeckyState.RUNNING, List.of("ssh"), null,
                        null, null, T1.plusSeconds(1)))))
                .containsExactly(WriteOutcome.APPLIED, WriteOutcome.APPLIED, WriteOutcome.APPLIED);

        assertThat(store.read(HOST)).singleElement().extracting(FleetRow::state).isEqualTo(DeckyState.RUNNING);
        assertThat(counting.commits()).isEqualTo(1);
    }

    @Test
    void aFailureInTheMiddleOfAPassRollsBackEveryChangeOfThatPass() {
        if (db != null) { // null when the database was missing and the test skipped
            db.dropTable(table);
        }
        String create = db.decnetDdl(table).get(0)
                .replace("PRIMARY KEY (host_uuid, name))", "PRIMARY KEY (host_uuid, name), CHECK (name <> 'boom'))");
        db.execute(create);
        FleetRow kept = Rows.row("decky-01").state(DeckyState.RUNNING).updatedAt(T0).build();
        FleetRow doomed = Rows.row("decky-02").state(DeckyState.RUNNING).updatedAt(T0).build();
        insert(List.of(kept, doomed));
        counting.reset();

        assertThatThrownBy(() -> store.apply(HOST, List.of(
                new RowChange.Insert(Rows.row("decky-03").updatedAt(T1).build()),
                new RowChange.Update("decky-01", DeckyState.RUNNING, T0, DeckyState.FAILED, List.of("ssh"), null,
                        null, null, T1),
                new RowChange.Delete("decky-02", DeckyState.RUNNING, T0),
                new RowChange.Insert(Rows.row("boom").updatedAt(T1).build()))))
                .isInstanceOf(FleetStoreException.class)
                .hasMessageStartingWith("cannot write table " + table + " in ")
                .hasMessageEndingWith("; nothing was applied");

        assertThat(store.read(HOST)).containsExactly(kept, doomed);
        assertThat(counting.commits()).isZero();
        assertThat(counting.rollbacks()).isEqualTo(1);
    }

    @Test
    void aDriverThatHidesPerRowCountsFailsThePassInsteadOfGuessingAndAppliesNothing() {
        FleetRow row = Rows.row("decky-01").state(DeckyState.RUNNING).updatedAt(T0).build();
        insert(List.of(row));
        counting.hideBatchCounts();

        assertThatThrownBy(() -> store.apply(HOST, List.of(
                new RowChange.Update("decky-01", DeckyState.RUNNING, T0, DeckyState.FAILED, List.of("ssh"), null,
                        null, null, T1),
                new RowChange.Insert(Rows.row("decky-02").build()))))
                .isInstanceOf(FleetStoreException.class)
                .hasMessageContaining("reported no per-row update counts")
                .hasMessageEndingWith("; nothing was applied");

        assertThat(store.read(HOST)).containsExactly(row);
    }

    // ---- helpers ----

    private String quoted() {
        return db.kind() == TestDatabase.Kind.MARIADB ? "`" + table + "`" : "\"" + table + "\"";
    }

    private static List<FleetRow> rows(String prefix, int count, Instant at) {
        List<FleetRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(Rows.row(String.format("%s%03d", prefix, i)).services("ssh", "http")
                    .ip("10.1." + (i / 250) + "." + (i % 250)).config("{\"name\":\"" + prefix + i + "\"}")
                    .updatedAt(at).build());
        }
        return rows;
    }

    private void insert(List<FleetRow> rows) {
        store.apply(HOST, rows.stream().<RowChange>map(RowChange.Insert::new).toList());
    }

    private long countRows() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE host_uuid = 'local'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
