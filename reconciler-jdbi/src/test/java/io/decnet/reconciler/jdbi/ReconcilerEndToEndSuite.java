package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.core.Reconciler;
import io.decnet.reconciler.core.statefile.StateFileSource;
import io.decnet.reconciler.testkit.FakeRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Reconciler.reconcileOnce} with the real state file reader, this store on a real database and the
 * testkit's fake runtime, through insert, converged, state-change and delete passes, counting what reaches the
 * database. Each database's test class extends this.
 */
abstract class ReconcilerEndToEndSuite {
    static final String HOST = "local";

    @TempDir
    Path stateDir;

    protected TestDatabase db;
    private String table;
    private CountingDataSource counting;
    private JdbiFleetStore store;
    private Path stateFile;
    private final FakeRuntime docker = FakeRuntime.create();
    private final Reconciler reconciler = Reconciler.create();

    protected abstract TestDatabase database();

    @BeforeEach
    void prepare() {
        db = database();
        table = TestDatabase.uniqueTable("e2e");
        counting = new CountingDataSource(db.jdbcUrl());
        store = JdbiFleetStore.builder().dataSource(counting).tableName(table).build();
        stateFile = stateDir.resolve("decnet-state.json");
    }

    @AfterEach
    void dropTable() {
        if (db != null) { // null when the database was missing and the test skipped
            db.dropTable(table);
        }
    }

    @Test
    void passesInsertStayConvergedFlipStatesAndDeleteThroughTheRealStore() throws IOException {
        // another host's row, written by DECNET: never touched
        store.prepare();
        db.execute("INSERT INTO " + table + " (host_uuid, name, services, state, updated_at) VALUES"
                + " ('worker-2', 'decky-01', '[\"ssh\"]', 'running', " + db.timestampLiteral("2026-01-01 00:00:00")
                + ")");
        writeState(decky("decky-01", "10.0.0.10", "ssh", "smtp_relay"), decky("decky-02", "10.0.0.11", "http"));
        docker.running("decky-01", "ssh", "smtp_relay").running("decky-02", "http");

        ReconcileReport inserted = pass();
        assertThat(inserted.countsLine()).isEqualTo("reconcile: inserted=2 deleted=0 state_updated=0");
        assertThat(states()).containsExactly(Map.entry("decky-01", DeckyState.RUNNING),
                Map.entry("decky-02", DeckyState.RUNNING));
        FleetRow row = store.read(HOST).get(0);
        assertThat(row.services()).containsExactly("ssh", "smtp_relay");
        assertThat(row.deckyIp()).isEqualTo("10.0.0.10");
        assertThat(row.deckyConfig()).contains("\"hostname\"");

        counting.reset();
        ReconcileReport converged = pass();
        assertThat(converged.hasChanges()).isFalse();
        assertThat(counting.executions()).singleElement().satisfies(execution -> {
            assertThat(execution.isSelect()).isTrue();
            assertThat(execution.method()).doesNotContain("Batch");
        });
        assertThat(counting.commits()).isZero();

        docker.stopped("decky-02", "http");
        counting.reset();
        ReconcileReport flipped = pass();
        assertThat(flipped.countsLine()).isEqualTo("reconcile: inserted=0 deleted=0 state_updated=1");
        assertThat(states()).containsEntry("decky-02", DeckyState.FAILED);
        assertThat(counting.commits()).isEqualTo(1);

        writeState(decky("decky-02", "10.0.0.11", "http"));
        ReconcileReport deleted = pass();
        assertThat(deleted.countsLine()).isEqualTo("reconcile: inserted=0 deleted=1 state_updated=0");
        assertThat(states()).containsOnlyKeys("decky-02");

        assertThat(pass().hasChanges()).isFalse();
        assertThat(store.read("worker-2")).singleElement().extracting(FleetRow::name, FleetRow::state)
                .containsExactly("decky-01", DeckyState.RUNNING);
    }

    @Test
    void anAbsentStateFileDeletesThisHostsRowsAndAnUnreadableOneChangesNothing() throws IOException {
        writeState(decky("decky-01", "10.0.0.10", "ssh"));
        docker.running("decky-01", "ssh");
        assertThat(pass().inserted()).isEqualTo(1);

        Files.writeString(stateFile, "{\"config\": {\"deckies\": [{\"name\": \"decky-01\", \"ip\"", StandardCharsets.UTF_8);
        counting.reset();
        ReconcileReport unreadable = pass();
        assertThat(unreadable.hasChanges()).isFalse();
        assertThat(counting.executions()).as("the table is read first, then nothing is written")
                .singleElement().satisfies(execution -> assertThat(execution.isSelect()).isTrue());
        assertThat(states()).containsOnlyKeys("decky-01");

        Files.delete(stateFile);
        assertThat(pass().deleted()).isEqualTo(1);
        assertThat(states()).isEmpty();
    }

    // ---- helpers ----

    private ReconcileReport pass() {
        ReconcileReport report = reconciler.reconcileOnce(
                StateFileSource.builder(stateFile).absentSettle(Duration.ZERO).build(), store, docker, HOST);
        assertThat(report.findFailure()).as("failure of the pass").isEmpty();
        return report;
    }

    private Map<String, DeckyState> states() {
        Map<String, DeckyState> states = new LinkedHashMap<>();
        store.read(HOST).forEach(row -> states.put(row.name(), row.state()));
        return states;
    }

    private static String decky(String name, String ip, String... services) {
        return "{\"name\": \"" + name + "\", \"ip\": \"" + ip + "\", \"services\": [\"" + String.join("\", \"", services)
                + "\"], \"distro\": \"debian\", \"base_image\": \"debian\", \"hostname\": \"" + name + "\","
                + " \"build_base\": \"debian:bookworm-slim\", \"archetype\": null, \"service_config\": {},"
                + " \"nmap_os\": \"linux\", \"mutate_interval\": null, \"last_mutated\": 0.0,"
                + " \"last_login_attempt\": 0.0, \"host_uuid\": null}";
    }

    private void writeState(String... deckies) throws IOException {
        Files.writeString(stateFile, "{\"config\": {\"mode\": \"unihost\", \"interface\": \"eth0\","
                + " \"subnet\": \"10.0.0.0/24\", \"gateway\": \"10.0.0.1\", \"deckies\": ["
                + String.join(", ", List.of(deckies)) + "], \"log_file\": null, \"ipvlan\": false,"
                + " \"mutate_interval\": 30}, \"compose_path\": \"/var/lib/decnet/decnet-compose.yml\"}",
                StandardCharsets.UTF_8);
    }
}
