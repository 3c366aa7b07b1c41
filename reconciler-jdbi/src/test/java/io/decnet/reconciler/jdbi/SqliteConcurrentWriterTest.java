package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.FleetStoreException;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.api.WriteOutcome;
import io.decnet.reconciler.testkit.Rows;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DECNET's own process writing the SQLite file at the same time: the store waits for its lock (busy timeout)
 * instead of failing, reads while it writes (WAL), and when the wait runs out reports it and applies nothing.
 */
class SqliteConcurrentWriterTest {
    @TempDir
    Path dir;
    private String url;

    @BeforeEach
    void createTable() {
        url = "jdbc:sqlite:" + dir.resolve("decnet.db");
        JdbiFleetStore.open(url).prepare();
    }

    @Test
    void theDatabaseIsSwitchedToWriteAheadLogging() throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            var rs = s.executeQuery("PRAGMA journal_mode");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void aWriteWaitsForAnotherWritersTransactionAndThenApplies() throws Exception {
        JdbiFleetStore store = JdbiFleetStore.builder().jdbcUrl(url).sqliteBusyTimeout(Duration.ofSeconds(10)).build();
        try (Connection decnet = DriverManager.getConnection(url); Statement s = decnet.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            s.execute("INSERT INTO fleet_deckies (host_uuid, name, services, state, updated_at)"
                    + " VALUES ('local', 'decnet-01', '[\"ssh\"]', 'pending', '2026-01-01 10:00:00.000000')");

            CompletableFuture<List<WriteOutcome>> write = CompletableFuture.supplyAsync(() -> store.apply("local",
                    List.of(new RowChange.Insert(Rows.row("reconciler-01").build()))));
            assertThat(store.read("local")).as("readers are not blocked by the writer").isEmpty();
            Thread.sleep(300);
            assertThat(write).as("the write waits for the lock").isNotDone();

            s.execute("COMMIT");
            assertThat(write.get(10, TimeUnit.SECONDS)).containsExactly(WriteOutcome.APPLIED);
        }
        assertThat(store.read("local")).extracting(row -> row.name()).containsExactly("decnet-01", "reconciler-01");
    }

    @Test
    void aWriteThatCannotGetTheLockInTimeFailsClearlyAndAppliesNothing() throws Exception {
        JdbiFleetStore store = JdbiFleetStore.builder().jdbcUrl(url).sqliteBusyTimeout(Duration.ofMillis(200))
                .build();
        try (Connection decnet = DriverManager.getConnection(url); Statement s = decnet.createStatement()) {
            s.execute("BEGIN IMMEDIATE");

            assertThatThrownBy(() -> store.apply("local", List.of(
                    new RowChange.Insert(Rows.row("reconciler-01").build()),
                    new RowChange.Insert(Rows.row("reconciler-02").build()))))
                    .isInstanceOf(FleetStoreException.class)
                    .hasMessageStartingWith("cannot write table fleet_deckies in SQLite database ")
                    .hasMessageContaining("locked")
                    .hasMessageEndingWith("; nothing was applied");
            s.execute("ROLLBACK");
        }
        assertThat(store.read("local")).isEmpty();
    }
}
