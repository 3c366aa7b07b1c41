package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reconcile --dry-run} leaves the SQLite database exactly as it was: no switch to write-ahead logging, no
 * table created, no file created (SPEC §4: a dry run plans and prints without writing).
 */
class DryRunWritesNothingTest {
    @TempDir
    Path dir;
    private Path db;
    private Path state;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void files() {
        db = dir.resolve("decnet.db");
        state = StateFiles.write(dir.resolve("decnet-state.json"), "decky-01:ssh", "decky-02:http");
    }

    private Cli.Result dryRun(String dbUrl) {
        return Cli.run(env, "reconcile", "--state", state.toString(), "--db", dbUrl, "--dry-run");
    }

    /** The table as DECNET's ORM creates it on SQLite, which leaves the database in journal mode delete. */
    private void decnetDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE fleet_deckies (host_uuid VARCHAR NOT NULL, name VARCHAR NOT NULL, services TEXT "
                    + "NOT NULL, decky_config TEXT, decky_ip VARCHAR, state VARCHAR NOT NULL, last_error TEXT, "
                    + "compose_hash VARCHAR, last_seen DATETIME, updated_at DATETIME NOT NULL, "
                    + "PRIMARY KEY (host_uuid, name))");
            s.execute("CREATE INDEX ix_fleet_deckies_host_uuid ON fleet_deckies (host_uuid)");
            s.execute("CREATE INDEX ix_fleet_deckies_state ON fleet_deckies (state)");
        }
    }

    private String journalMode() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
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
    void dryRunOnDecnetsDatabaseLeavesItInJournalModeDeleteWithoutAWalFileAndByteIdentical() throws Exception {
        decnetDatabase();
        assertThat(journalMode()).isEqualTo("delete");
        byte[] before = Files.readAllBytes(db);

        Cli.Result r = dryRun("jdbc:sqlite:" + db);

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.outLines().get(0)).isEqualTo("reconcile: inserted=2 deleted=0 state_updated=0");
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
        assertThat(filesInDir()).containsExactlyInAnyOrder("decnet.db", "decnet-state.json");
        assertThat(journalMode()).isEqualTo("delete");
    }

    @Test
    void dryRunOnADatabaseOpenedReadOnlyByItsUriPlansTheChanges() throws Exception {
        decnetDatabase();

        Cli.Result r = dryRun("jdbc:sqlite:file:" + db + "?mode=ro");

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.outLines().get(0)).isEqualTo("reconcile: inserted=2 deleted=0 state_updated=0");
        assertThat(r.err()).doesNotContain("READONLY").doesNotContain("read-only");
        assertThat(journalMode()).isEqualTo("delete");
    }

    @Test
    void dryRunOnADatabasePathThatDoesNotExistPlansAnInsertForEveryDeckyAndDoesNotCreateIt() throws Exception {
        Cli.Result r = dryRun("jdbc:sqlite:" + db);

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.outLines().get(0)).isEqualTo("reconcile: inserted=2 deleted=0 state_updated=0");
        assertThat(db).doesNotExist();
        assertThat(filesInDir()).containsExactly("decnet-state.json");
    }

    @Test
    void aRealPassAfterwardsStillCreatesTheTableAndWritesTheRows() {
        dryRun("jdbc:sqlite:" + db);

        Cli.Result r = Cli.run(env, "reconcile", "--state", state.toString(), "--db", "jdbc:sqlite:" + db, "--once");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(FleetTable.states(db, "local")).containsOnlyKeys("decky-01", "decky-02");
    }
}
