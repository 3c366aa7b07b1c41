package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.api.WriteOutcome;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.core.Reconciler;
import io.decnet.reconciler.testkit.Deckies;
import io.decnet.reconciler.testkit.FakeRuntime;
import io.decnet.reconciler.testkit.InMemoryStateSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Golden interoperability with DECNET on real SQLite, plus SQLite's text timestamps in their variants. */
class SqliteDecnetInteropTest extends DecnetInteropSuite {
    @TempDir
    Path dir;

    @Override
    protected TestDatabase database() {
        return TestDatabase.sqlite(dir.resolve("decnet.db"));
    }

    @ParameterizedTest(name = "updated_at text ''{0}'' reads as {1} and matches conditional writes")
    @CsvSource(delimiter = '|', value = {
            "2026-01-01 10:00:00|2026-01-01T10:00:00Z",
            "2026-01-01 10:00:00.000000|2026-01-01T10:00:00Z",
            "2026-01-01 10:00:00.5|2026-01-01T10:00:00.5Z",
            "2026-01-01T10:00:00.123456|2026-01-01T10:00:00.123456Z",
            "2026-01-01 10:00:00.123456789|2026-01-01T10:00:00.123456Z",
            "2026-01-01 10:00:00.123Z|2026-01-01T10:00:00.123Z",
            "2026-01-01 10:00:00+00:00|2026-01-01T10:00:00Z"})
    void timestampTextInAnyFormDecnetMayHaveWrittenIsReadAndMatched(String text, String expected) {
        decnetInsert(HOST, "decky-01", "[\"ssh\"]", null, null, "running", null, null, text, text);
        decnetInsert(HOST, "decky-02", "[\"ssh\"]", null, null, "running", null, null, null, text);

        List<FleetRow> rows = store.read(HOST);
        assertThat(rows).extracting(FleetRow::updatedAt).containsOnly(Instant.parse(expected));
        assertThat(rows.get(0).lastSeen()).isEqualTo(Instant.parse(expected));
        FleetRow one = rows.get(0);
        FleetRow two = rows.get(1);
        Instant now = Instant.parse("2026-01-02T00:00:00Z");
        assertThat(store.apply(HOST, List.of(
                new RowChange.Update(one.name(), one.state(), one.updatedAt(), DeckyState.FAILED, one.services(),
                        null, null, null, now),
                new RowChange.Delete(two.name(), two.state(), two.updatedAt()))))
                .containsExactly(WriteOutcome.APPLIED, WriteOutcome.APPLIED);
    }

    @ParameterizedTest(name = "updated_at ''{0}'' reads as unreadable, and the row is still reconciled")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {"yesterday", "2026-01-01", "2026-02-30 10:00:00",
            "1767261600", "''"})
    void aRowWhoseUpdatedAtIsNoTimestampIsReadRewrittenAndDeletedConditionally(String text) {
        db.execute("INSERT INTO " + table + " (host_uuid, name, services, state, updated_at, last_seen) VALUES ("
                + "'local', 'keep', '[\"ssh\"]', 'running', " + literal(text) + ", 'garbage'), ("
                + "'local', 'drop', '[\"ssh\"]', 'running', " + literal(text) + ", NULL)");
        Map<String, FleetRow> read = byName();
        assertThat(read.values()).allSatisfy(row -> {
            assertThat(row.updatedAt()).isNull();
            assertThat(row.anomalies()).anySatisfy(a -> assertThat(a).startsWith("updated_at is not a timestamp"));
        });
        assertThat(read.get("keep").lastSeen()).isNull();
        assertThat(read.get("keep").anomalies()).anySatisfy(a -> assertThat(a).startsWith("last_seen is not"));

        ReconcileReport report = Reconciler.create().reconcileOnce(
                InMemoryStateSource.create().fleet(Deckies.decky("keep").build()), store,
                FakeRuntime.create().stopped("keep", "ssh"), HOST);

        assertThat(report.countsLine()).isEqualTo("reconcile: inserted=0 deleted=1 state_updated=1");
        FleetRow kept = store.read(HOST).get(0);
        assertThat(kept.name()).isEqualTo("keep");
        assertThat(kept.state()).isEqualTo(DeckyState.FAILED);
        assertThat(kept.updatedAt()).isNotNull();
        assertThat(kept.anomalies()).isEmpty();
    }

    @Test
    void aConditionalWriteForAnUnreadableUpdatedAtConflictsOnceSomeoneWroteARealOne() {
        db.execute("INSERT INTO " + table + " (host_uuid, name, services, state, updated_at) VALUES ("
                + "'local', 'decky-01', '[\"ssh\"]', 'running', 'garbage')");
        FleetRow read = store.read(HOST).get(0);
        db.execute("UPDATE " + table + " SET updated_at = '2026-01-01 10:00:00.000000'");

        assertThat(store.apply(HOST, List.of(new RowChange.Delete("decky-01", read.state(), read.updatedAt()))))
                .containsExactly(WriteOutcome.CONFLICT);
        assertThat(store.read(HOST)).hasSize(1);
    }

    @Test
    void aTimestampOneMicrosecondAwayFromTheStoredTextIsAConflict() {
        decnetInsert(HOST, "decky-01", "[\"ssh\"]", null, null, "running", null, null, null, "2026-01-01 10:00:00");

        assertThat(store.apply(HOST, List.of(new RowChange.Delete("decky-01", DeckyState.RUNNING,
                Instant.parse("2026-01-01T10:00:00.000001Z"))))).containsExactly(WriteOutcome.CONFLICT);
        assertThat(store.read(HOST)).hasSize(1);
    }

    @Test
    void theStoreWritesTimestampsAsTwentySixCharacterText() throws Exception {
        store.apply(HOST, List.of(new RowChange.Insert(new FleetRow(HOST, "decky-01", List.of("ssh"), null, null,
                DeckyState.RUNNING, null, null, Instant.parse("2026-03-04T05:06:07Z"),
                Instant.parse("2026-03-04T05:06:07.000001Z")))));

        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT typeof(updated_at), updated_at, typeof(last_seen), last_seen"
                        + " FROM " + table)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("text");
            assertThat(rs.getString(2)).isEqualTo("2026-03-04 05:06:07.000001");
            assertThat(rs.getString(3)).isEqualTo("text");
            assertThat(rs.getString(4)).isEqualTo("2026-03-04 05:06:07.000000");
        }
    }
}
