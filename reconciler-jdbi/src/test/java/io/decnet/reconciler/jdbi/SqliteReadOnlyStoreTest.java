package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.FleetStoreException;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.jdbi.internal.JdbcTarget;
import io.decnet.reconciler.testkit.Rows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link JdbiFleetStore.Builder#readOnly read-only} store (what a dry run uses) on real SQLite files: it reads,
 * but never switches the journal mode, creates a table or a file, or writes.
 */
class SqliteReadOnlyStoreTest {
    private static final String HOST = "local";

    @TempDir
    Path dir;
    private Path file;

    @BeforeEach
    void names() {
        file = dir.resolve("decnet.db");
    }

    /** A database as DECNET creates it (journal mode delete), with one row of {@code HOST}. */
    private void decnetDatabaseWithOneRow() {
        TestDatabase db = TestDatabase.sqlite(file);
        db.execute(db.decnetDdl("fleet_deckies").toArray(String[]::new));
        db.execute("INSERT INTO fleet_deckies (host_uuid, name, services, state, updated_at) VALUES ('" + HOST
                + "', 'decky-01', '[\"ssh\"]', 'running', '2026-11-29 10:00:00.000000')");
    }

    private static JdbiFleetStore readOnly(String url) {
        return JdbiFleetStore.builder().jdbcUrl(url).readOnly(true).build();
    }

    private String journalMode() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private List<String> filesInDir() throws IOException {
        List<String> names = new ArrayList<>();
        try (var list = Files.list(dir)) {
            list.forEach(p -> names.add(p.getFileName().toString()));
        }
        return names;
    }

    @Test
    void aReadOnlyStoreReadsTheRowsAndLeavesTheFileByteIdenticalInJournalModeDelete() throws Exception {
        decnetDatabaseWithOneRow();
        byte[] before = Files.readAllBytes(file);

        List<FleetRow> rows;
        try (JdbiFleetStore store = readOnly("jdbc:sqlite:" + file)) {
            rows = store.read(HOST);
            store.prepare();
        }

        assertThat(rows).extracting(FleetRow::name).containsExactly("decky-01");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(filesInDir()).containsExactly("decnet.db");
        assertThat(journalMode()).isEqualTo("delete");
    }

    @Test
    void aWritingStoreSwitchesTheFileToWriteAheadLoggingWhichTheReadOnlyOneDoesNot() throws Exception {
        decnetDatabaseWithOneRow();
        try (JdbiFleetStore store = JdbiFleetStore.open("jdbc:sqlite:" + file)) {
            store.read(HOST);
        }
        assertThat(journalMode()).isEqualTo("wal");
    }

    @Test
    void aReadOnlyStoreReadsADatabaseOpenedReadOnlyByItsUri() throws Exception {
        decnetDatabaseWithOneRow();
        byte[] before = Files.readAllBytes(file);

        try (JdbiFleetStore store = readOnly("jdbc:sqlite:file:" + file + "?mode=ro")) {
            assertThat(store.read(HOST)).extracting(FleetRow::name).containsExactly("decky-01");
            assertThat(store.read("another-host")).isEmpty();
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(journalMode()).isEqualTo("delete");
    }

    @Test
    void aReadOnlyStoreDoesNotCreateAMissingFileAndReadsItAsNoRows() throws Exception {
        try (JdbiFleetStore store = readOnly("jdbc:sqlite:" + file)) {
            assertThat(store.read(HOST)).isEmpty();
            store.prepare();
        }
        try (JdbiFleetStore store = readOnly("jdbc:sqlite:file://" + file + "?mode=ro")) {
            assertThat(store.read(HOST)).isEmpty();
        }

        assertThat(file).doesNotExist();
        assertThat(filesInDir()).isEmpty();
    }

    @Test
    void aFileCreatedAfterAnEmptyReadIsReadOnTheNextCall() {
        try (JdbiFleetStore store = readOnly("jdbc:sqlite:" + file)) {
            assertThat(store.read(HOST)).isEmpty();
            decnetDatabaseWithOneRow();
            assertThat(store.read(HOST)).extracting(FleetRow::name).containsExactly("decky-01");
        }
    }

    @Test
    void aMissingTableReadsAsNoRowsAndIsNotCreated() throws Exception {
        TestDatabase.sqlite(file).execute("CREATE TABLE other (x INTEGER)");
        byte[] before = Files.readAllBytes(file);

        try (JdbiFleetStore store = readOnly("jdbc:sqlite:" + file)) {
            assertThat(store.read(HOST)).isEmpty();
            assertThatThrownBy(store::timestampPrecision).isInstanceOf(FleetStoreException.class)
                    .hasMessageContaining("fleet_deckies does not exist").hasMessageContaining("read-only");
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(TestDatabase.sqlite(file).shape("fleet_deckies")).isEmpty();
    }

    @Test
    void anExistingTableLackingAColumnIsStillRejected() {
        TestDatabase.sqlite(file).execute("CREATE TABLE fleet_deckies (host_uuid VARCHAR, name VARCHAR)");

        try (JdbiFleetStore store = readOnly("jdbc:sqlite:" + file)) {
            assertThatThrownBy(() -> store.read(HOST)).isInstanceOf(FleetStoreException.class)
                    .hasMessageContaining("lacks columns").hasMessageContaining("services");
        }
    }

    @Test
    void aReadOnlyStoreRefusesToApplyAndTheTableIsUnchanged() throws Exception {
        decnetDatabaseWithOneRow();
        byte[] before = Files.readAllBytes(file);

        try (JdbiFleetStore store = readOnly("jdbc:sqlite:" + file)) {
            assertThatThrownBy(() -> store.apply(HOST, List.of(new RowChange.Insert(
                    Rows.row("decky-02").build()))))
                    .isInstanceOf(FleetStoreException.class)
                    .hasMessageStartingWith("store is read-only")
                    .hasMessageContaining("1 change to table fleet_deckies");
            assertThat(store.read(HOST)).extracting(FleetRow::name).containsExactly("decky-01");
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void theFileOfAnSqliteUrlIsFoundInEachFormSqliteAccepts() {
        assertThat(JdbcTarget.of("jdbc:sqlite:decnet.db").sqliteFile()).contains(Path.of("decnet.db"));
        assertThat(JdbcTarget.of("jdbc:sqlite:/var/lib/decnet.db?busy_timeout=1").sqliteFile())
                .contains(Path.of("/var/lib/decnet.db"));
        assertThat(JdbcTarget.of("jdbc:sqlite:file:/var/lib/a%20b.db?mode=ro").sqliteFile())
                .contains(Path.of("/var/lib/a b.db"));
        assertThat(JdbcTarget.of("jdbc:sqlite:file:///var/lib/x.db").sqliteFile()).contains(Path.of("/var/lib/x.db"));
        assertThat(JdbcTarget.of("jdbc:sqlite:file://localhost/x.db").sqliteFile()).contains(Path.of("/x.db"));
        assertThat(JdbcTarget.of("jdbc:sqlite:file://elsewhere/x.db").sqliteFile()).isEmpty();
        assertThat(JdbcTarget.of("jdbc:postgresql://db/decnet").sqliteFile()).isEmpty();
    }
}
