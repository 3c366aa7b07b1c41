package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.OddRow;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.api.WriteOutcome;
import io.decnet.reconciler.core.Reconciler;
import io.decnet.reconciler.testkit.Deckies;
import io.decnet.reconciler.testkit.FakeRuntime;
import io.decnet.reconciler.testkit.InMemoryStateSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Golden interoperability tests: a table created with DECNET's own DDL, rows written by hand-written SQL the way
 * DECNET's ORM writes them, read through the store; and rows written through the store, checked column by column
 * with plain SQL against what DECNET's code expects. Each database's test class extends this.
 */
abstract class DecnetInteropSuite {
    static final String HOST = "local";
    static final ObjectMapper JSON = new ObjectMapper();

    protected TestDatabase db;
    protected String table;
    protected JdbiFleetStore store;

    /** The database under test. */
    protected abstract TestDatabase database();

    @BeforeEach
    void createDecnetTable() {
        db = database();
        table = TestDatabase.uniqueTable("decnet");
        db.execute(db.decnetDdl(table).toArray(String[]::new));
        store = db.store(table);
    }

    @AfterEach
    void dropTable() {
        if (db != null) { // null when the database was missing and the test skipped
            db.dropTable(table);
        }
    }

    // ---- rows DECNET wrote, read through the store ----

    @Test
    void aRowDecnetWroteWithEveryColumnReadsBackExactly() {
        decnetInsert(HOST, "decky-01", "[\"ssh\", \"smtp_relay\"]",
                "{\"name\": \"decky-01\", \"ip\": \"10.0.0.10\", \"services\": [\"ssh\", \"smtp_relay\"], "
                        + "\"hostname\": \"web01\", \"archetype\": null, \"last_mutated\": 0.0, \"host_uuid\": null}",
                "10.0.0.10", "degraded", "compose up failed: exit 1", "sha256:0f1e2d",
                "2026-01-01 10:00:00.123456", "2026-01-01 10:00:05.654321");

        assertThat(store.read(HOST)).containsExactly(new FleetRow(HOST, "decky-01", List.of("ssh", "smtp_relay"),
                "{\"name\": \"decky-01\", \"ip\": \"10.0.0.10\", \"services\": [\"ssh\", \"smtp_relay\"], "
                        + "\"hostname\": \"web01\", \"archetype\": null, \"last_mutated\": 0.0, \"host_uuid\": null}",
                "10.0.0.10", DeckyState.DEGRADED, "compose up failed: exit 1", "sha256:0f1e2d",
                stored("2026-01-01T10:00:00.123456Z"), stored("2026-01-01T10:00:05.654321Z")));
    }

    @Test
    void aRowDecnetWroteWithNullOptionalColumnsReadsBackWithNulls() {
        decnetInsert(HOST, "decky-02", "[\"http\"]", null, null, "pending", null, null, null,
                "2026-01-01 10:00:00.000000");

        FleetRow row = store.read(HOST).get(0);
        assertThat(row).isEqualTo(new FleetRow(HOST, "decky-02", List.of("http"), null, null, DeckyState.PENDING,
                null, null, null, Instant.parse("2026-01-01T10:00:00Z")));
    }

    @Test
    void rowsDecnetWroteInEveryStateAndInAStateItMayAddLaterReadBackWithThatState() {
        List<String> states = new ArrayList<>();
        DeckyState.known().forEach(state -> states.add(state.value()));
        states.add("quarantined");
        for (String state : states) {
            decnetInsert(HOST, "decky-" + state, "[\"ssh\"]", null, null, state, null, null, null,
                    "2026-01-01 10:00:00.000000");
        }

        Map<String, DeckyState> read = new LinkedHashMap<>();
        store.read(HOST).forEach(row -> read.put(row.name(), row.state()));
        assertThat(read).hasSize(states.size());
        states.forEach(state -> assertThat(read).containsEntry("decky-" + state, DeckyState.of(state)));
        assertThat(read.get("decky-quarantined").isKnown()).isFalse();
    }

    @Test
    void jsonDecnetWroteWithSpacesEscapesAndUnicodeReadsBackDecoded() {
        decnetInsert(HOST, "décky-ü", "[ \"ssh\" ,\"caf\\u00e9\", \"日本\" ]",
                "{\"name\": \"d\\u00e9cky-\\u00fc\", \"note\": \"日本 🙂\"}", "10.0.0.12", "running", null, null,
                null, "2026-01-01 10:00:00.000000");

        FleetRow row = store.read(HOST).get(0);
        assertThat(row.name()).isEqualTo("décky-ü");
        assertThat(row.services()).containsExactly("ssh", "café", "日本");
        assertThat(row.deckyConfig()).isEqualTo("{\"name\": \"d\\u00e9cky-\\u00fc\", \"note\": \"日本 🙂\"}");
    }

    @Test
    void conditionalWritesAgainstRowsDecnetWroteApplyWhenUnchangedAndConflictWhenStale() {
        decnetInsert(HOST, "decky-01", "[\"ssh\"]", null, "10.0.0.10", "running", null, null, null,
                "2026-01-01 10:00:05.654321");
        decnetInsert(HOST, "decky-02", "[\"ssh\"]", null, "10.0.0.11", "torn_down", null, null, null,
                "2026-01-01 10:00:06.000001");
        Map<String, FleetRow> read = byName();
        FleetRow one = read.get("decky-01");
        FleetRow two = read.get("decky-02");
        Instant now = Instant.parse("2026-01-01T11:00:00Z");

        assertThat(store.apply(HOST, List.of(
                new RowChange.Update("decky-01", one.state(), one.updatedAt().minusSeconds(1), DeckyState.FAILED,
                        one.services(), one.deckyIp(), null, now, now),
                new RowChange.Delete("decky-02", DeckyState.RUNNING, two.updatedAt()))))
                .containsExactly(WriteOutcome.CONFLICT, WriteOutcome.CONFLICT);
        assertThat(store.apply(HOST, List.of(
                new RowChange.Update("decky-01", one.state(), one.updatedAt(), DeckyState.FAILED, one.services(),
                        one.deckyIp(), null, now, now),
                new RowChange.Delete("decky-02", two.state(), two.updatedAt()))))
                .containsExactly(WriteOutcome.APPLIED, WriteOutcome.APPLIED);

        assertThat(store.read(HOST)).extracting(FleetRow::name, FleetRow::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("decky-01", DeckyState.FAILED));
    }

    // ---- rows DECNET never writes: read, reported and reconciled all the same ----

    @Test
    void oddRowsNeverStopAPassTheyAreRewrittenFromTheFileOrDeletedAndNamedInTheReport() throws Exception {
        String ts = "2026-01-01 10:00:00.000000";
        decnetInsert(HOST, "blank", "[\"ssh\"]", null, "10.0.0.1", "", null, null, null, ts);
        decnetInsert(HOST, "spaces", "[\"ssh\"]", null, "10.0.0.2", "   ", null, null, null, ts);
        decnetInsert(HOST, "shouting", "[\"ssh\"]", null, "10.0.0.3", "RUNNING", null, null, null, ts);
        decnetInsert(HOST, "no-json", "not json", "[1, 2]", "10.0.0.4", "running", null, null, null, ts);
        decnetInsert(HOST, "numbers", "[1, 2]", "not json either", null, "running", null, null, null, ts);
        decnetInsert(HOST, "empty-services", "", null, null, "running", null, null, null, ts);
        decnetInsert(HOST, "gone-blank", "null", null, null, "", null, null, null, ts);
        decnetInsert("peer", "blank", "oops", null, null, "", null, null, null, ts);
        List<DeckySpec> fleet = List.of(
                Deckies.decky("blank").ip("10.0.0.1").build(), Deckies.decky("spaces").ip("10.0.0.2").build(),
                Deckies.decky("shouting").ip("10.0.0.3").build(), Deckies.decky("no-json").ip("10.0.0.4").build(),
                Deckies.decky("numbers").ip("10.0.0.5").build(),
                Deckies.decky("empty-services").ip("10.0.0.6").build());
        FakeRuntime docker = FakeRuntime.create();
        fleet.forEach(d -> docker.running(d.name(), "ssh"));

        ReconcileReport report = Reconciler.create().reconcileOnce(InMemoryStateSource.create().fleet(fleet), store,
                docker, HOST);

        assertThat(report.failed()).as(report.toString()).isFalse();
        assertThat(report.countsLine()).isEqualTo("reconcile: inserted=0 deleted=1 state_updated=3");
        assertThat(report.conflicts()).isZero();
        Map<String, FleetRow> rows = byName();
        assertThat(rows).containsOnlyKeys(fleet.stream().map(DeckySpec::name).toArray(String[]::new));
        for (DeckySpec decky : fleet) {
            FleetRow row = rows.get(decky.name());
            assertThat(row.state()).as(decky.name()).isEqualTo(DeckyState.RUNNING);
            assertThat(row.services()).as(decky.name()).isEqualTo(decky.services());
            assertThat(row.deckyIp()).as(decky.name()).isEqualTo(decky.ip());
            assertThat(JSON.readTree(row.deckyConfig())).as(decky.name()).isEqualTo(JSON.readTree(decky.configJson()));
            assertThat(row.anomalies()).as(decky.name()).isEmpty();
        }
        assertThat(report.oddRows()).extracting(OddRow::name).containsExactly("blank", "empty-services",
                "gone-blank", "no-json", "numbers", "shouting", "spaces");
        Map<String, String> odd = new LinkedHashMap<>();
        report.oddRows().forEach(o -> odd.put(o.name(), o.describe()));
        assertThat(odd.get("blank")).isEqualTo("state is blank");
        assertThat(odd.get("shouting")).isEqualTo("state \"RUNNING\" is not one DECNET defines");
        assertThat(odd.get("no-json")).contains("services is not a JSON array of strings: 'not json'",
                "decky_config is not a JSON object");
        assertThat(odd.get("numbers")).contains("services is not a JSON array of strings: '[1, 2]'");
        assertThat(odd.get("gone-blank")).contains("services is not a JSON array of strings: 'null'",
                "state is blank");
        assertThat(store.read("peer")).as("the peer's odd row is not this host's business").singleElement().satisfies(peer -> {
            assertThat(peer.state().value()).isEmpty();
            assertThat(peer.anomalies()).containsExactly("services is not a JSON array of strings: 'oops'");
        });
    }

    @Test
    void whileDockerIsUnreachableABlankStateStaysButTheRowIsStillRewrittenFromTheFile() {
        decnetInsert(HOST, "blank", "nonsense", null, null, "", null, null, null, "2026-01-01 10:00:00.000000");
        DeckySpec decky = Deckies.decky("blank").ip("10.0.0.1").services("ssh", "http").build();

        ReconcileReport report = Reconciler.create().reconcileOnce(InMemoryStateSource.create().fleet(decky), store,
                FakeRuntime.create().unreachable("socket gone"), HOST);

        assertThat(report.countsLine()).isEqualTo("reconcile: inserted=0 deleted=0 state_updated=0");
        assertThat(report.configUpdated()).isEqualTo(1);
        FleetRow row = byName().get("blank");
        assertThat(row.state().value()).isEmpty();
        assertThat(row.services()).containsExactly("ssh", "http");
        assertThat(row.deckyIp()).isEqualTo("10.0.0.1");
        assertThat(report.oddRows()).singleElement().extracting(OddRow::name).isEqualTo("blank");
    }

    // ---- rows the store wrote, checked with plain SQL ----

    @Test
    void aRowTheStoreInsertedHasDecnetsColumnFormats() throws Exception {
        String config = "{\"name\":\"decky-01\",\"ip\":\"10.0.0.10\",\"services\":[\"ssh\",\"smtp_relay\"]}";
        FleetRow row = new FleetRow(HOST, "decky-01", List.of("ssh", "smtp_relay"), config, "10.0.0.10",
                DeckyState.RUNNING, null, null, Instant.parse("2026-03-04T05:06:07.123456789Z"),
                Instant.parse("2026-03-04T05:26:08.987654321Z"));

        assertThat(store.apply(HOST, List.of(new RowChange.Insert(row)))).containsExactly(WriteOutcome.APPLIED);

        Map<String, Object> columns = plainSelect("decky-01");
        assertThat(columns.get("host_uuid")).isEqualTo(HOST);
        assertThat(columns.get("services")).isEqualTo("[\"ssh\",\"smtp_relay\"]");
        assertThat(JSON.readValue((String) columns.get("services"), String[].class)).containsExactly("ssh", "smtp_relay");
        assertThat(columns.get("decky_config")).isEqualTo(config);
        assertThat(JSON.readTree((String) columns.get("decky_config")).get("name").asText()).isEqualTo("decky-01");
        assertThat(columns.get("decky_ip")).isEqualTo("10.0.0.10");
        assertThat(columns.get("state")).isEqualTo("running");
        assertThat(columns).containsEntry("last_error", null).containsEntry("compose_hash", null);
        assertThat(columns.get("last_seen_text")).isEqualTo(expectedText("2026-03-04 05:06:07.123456"));
        assertThat(columns.get("updated_at_text")).isEqualTo(expectedText("2026-03-04 05:26:08.987654"));
    }

    @Test
    void anUpdateTheStoreAppliedHasDecnetsFormatsAndKeepsDecnetsOwnColumns() throws Exception {
        decnetInsert(HOST, "decky-01", "[\"ssh\"]", "{\"name\": \"decky-01\"}", "10.0.0.10", "pending",
                "port 22 already allocated", "sha256:abc", null, "2026-01-01 10:00:00.000000");
        FleetRow read = store.read(HOST).get(0);

        assertThat(store.apply(HOST, List.of(new RowChange.Update("decky-01", read.state(), read.updatedAt(),
                DeckyState.RUNNING, List.of("ssh", "http"), "10.0.0.20", null,
                Instant.parse("2026-01-02T00:00:00.000001Z"), Instant.parse("2026-01-02T00:00:01.5Z")))))
                .containsExactly(WriteOutcome.APPLIED);

        Map<String, Object> columns = plainSelect("decky-01");
        assertThat(columns.get("services")).isEqualTo("[\"ssh\",\"http\"]");
        assertThat(columns.get("state")).isEqualTo("running");
        assertThat(columns.get("decky_ip")).isEqualTo("10.0.0.20");
        assertThat(columns).containsEntry("decky_config", null);
        assertThat(columns.get("last_error")).isEqualTo("port 22 already allocated");
        assertThat(columns.get("compose_hash")).isEqualTo("sha256:abc");
        assertThat(columns.get("last_seen_text")).isEqualTo(expectedText("2026-01-02 00:00:00.000001"));
        assertThat(columns.get("updated_at_text")).isEqualTo(expectedText("2026-01-02 00:00:01.500000"));
    }

    // ---- helpers ----

    /** Inserts a row with literal SQL, values formatted as DECNET's ORM sends them. */
    protected final void decnetInsert(String host, String name, String services, String config, String ip,
            String state, String lastError, String composeHash, String lastSeen, String updatedAt) {
        db.execute("INSERT INTO " + table + " (host_uuid, name, services, decky_config, decky_ip, state, last_error,"
                + " compose_hash, last_seen, updated_at) VALUES (" + String.join(", ", literal(host), literal(name),
                literal(services), literal(config), literal(ip), literal(state), literal(lastError),
                literal(composeHash), db.timestampLiteral(lastSeen), db.timestampLiteral(updatedAt)) + ")");
    }

    /** Every column of row {@code name} read with plain SQL; timestamps also as {@code *_text}. */
    protected final Map<String, Object> plainSelect(String name) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT host_uuid, name, services, decky_config, decky_ip, state,"
                        + " last_error, compose_hash, " + db.timestampText("last_seen") + " AS last_seen_text, "
                        + db.timestampText("updated_at") + " AS updated_at_text FROM " + table
                        + " WHERE name = " + literal(name))) {
            assertThat(rs.next()).as("row %s exists", name).isTrue();
            Map<String, Object> columns = new LinkedHashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                columns.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getString(i));
            }
            return columns;
        }
    }

    protected final Map<String, FleetRow> byName() {
        Map<String, FleetRow> rows = new LinkedHashMap<>();
        store.read(HOST).forEach(row -> rows.put(row.name(), row));
        return rows;
    }

    /** {@code instant} as this database's DECNET table stores it. */
    protected final Instant stored(String instant) {
        Instant value = Instant.parse(instant);
        long precision = db.decnetPrecision().toNanos();
        return Instant.ofEpochSecond(value.getEpochSecond(), value.getNano() - value.getNano() % precision);
    }

    /** The text this database's DECNET table gives back for {@code text} (MariaDB: whole seconds). */
    private String expectedText(String text) {
        return db.decnetPrecision().getSeconds() >= 1 ? text.substring(0, 19) + ".000000" : text;
    }

    protected final String literal(String value) {
        return db.literal(value);
    }
}
