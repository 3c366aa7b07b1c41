package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The database server killed with SIGKILL in the middle of a pass's write transaction, then down for several passes,
 * then started again, under a real long-lived reconciler: every pass while it is down is reported as a store failure,
 * the worker keeps running, the half-written transaction is gone (crash recovery rolls it back), another host's rows
 * are untouched, and the first pass after the restart converges, each change applied and reported once.
 *
 * <p>The kill lands inside the transaction on purpose: a trigger of the test's own makes every row written to the
 * table take half a second, and the server is killed once an INSERT has been running for a while.
 */
class DatabaseFaultIT {
    private static final int BEFORE = 10;
    private static final int AFTER = 20;

    @TempDir
    Path dir;

    /** Something the test does to the server: the fault once a pass is inside its write transaction, its end. */
    private interface Step {
        void on(PrivateDatabase db) throws Exception;
    }

    @ParameterizedTest
    @EnumSource(PrivateDatabase.Kind.class)
    void aServerKilledMidTransactionAndDownForSeveralPassesLeavesNoTraceAndTheWorkerConvergesOnceItIsBack(
            PrivateDatabase.Kind kind) throws Exception {
        run(kind, 3, PrivateDatabase::kill, PrivateDatabase::restart);
    }

    /**
     * A server that stops answering but keeps its connections open (SIGSTOP: as when its host drops off the network,
     * no reset ever comes): the pass in flight fails after the default answer timeout (30 s) instead of holding the
     * worker for as long as TCP takes to give up; the passes after it fail on the connect timeout; once the server
     * answers again, the worker converges. No URL option shortens the timeouts here: the defaults are under test.
     */
    @ParameterizedTest
    @EnumSource(PrivateDatabase.Kind.class)
    void aServerThatStopsAnsweringMidTransactionFailsThePassAfterTheAnswerTimeoutAndTheWorkerConvergesLater(
            PrivateDatabase.Kind kind) throws Exception {
        run(kind, 2, PrivateDatabase::freeze, PrivateDatabase::thaw);
    }

    private void run(PrivateDatabase.Kind kind, int failedPasses, Step fault, Step recovery) throws Exception {
        try (PrivateDatabase db = PrivateDatabase.start(kind, Path.of("target", "db-fault-" + kind).toAbsolutePath())) {
            db.execute("DROP TABLE IF EXISTS fleet_deckies"); // a server left by an earlier run
            Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + dir.resolve("no-docker.sock"));
            Path state = StateFiles.write(dir.resolve("decnet-state.json"), deckies(0, BEFORE));
            Cli.Result first = CliProcess.run(dir, env, "reconcile", "--once", "--state", state.toString(),
                    "--db", db.url());
            assertThat(first.code()).as(first.err()).isZero();
            db.execute("DELETE FROM fleet_deckies WHERE host_uuid = 'other'");
            for (int i = 0; i < 5; i++) {
                db.execute("INSERT INTO fleet_deckies (host_uuid, name, services, state, updated_at) VALUES "
                        + "('other', 'o-" + i + "', '[\"ssh\"]', 'running', '2026-01-02 03:04:05')");
            }
            List<String> otherHost = otherHostRows(db);
            slowWrites(db);

            CliProcess worker = CliProcess.start(dir, env, "reconcile", "--interval", "1", "--state",
                    state.toString(), "--db", db.url(), "--events", dir.resolve("events.jsonl").toString());
            try {
                // The teardown of decky-0 and the deploy of ten more, all in one pass: one transaction.
                StateFiles.write(state, deckies(1, AFTER));
                awaitInsertRunning(db);
                Thread.sleep(1_200); // a few rows of the transaction written, none committed
                fault.on(db);
                long killedAt = System.nanoTime();

                awaitFailedPasses(worker, failedPasses); // down for several passes, each reported
                assertThat(worker.stderrSoFar()).doesNotContain("Exception").doesNotContain("\tat ")
                        .as("the pass that was writing reports it applied nothing")
                        .containsPattern("pass \\d+ failed .*: store: could not write the fleet store: .*; nothing was "
                                + "applied");
                assertThat(worker.isAlive()).as("the worker keeps running while the database is down").isTrue();
                assertThat(System.nanoTime() - killedAt).isGreaterThan(TimeUnit.SECONDS.toNanos(2));

                recovery.on(db);
                assertThat(localRows(db)).as("the killed transaction was rolled back whole")
                        .containsExactlyElementsOf(names(0, BEFORE));
                awaitLocalRows(db, names(1, AFTER));

                assertThat(otherHostRows(db)).as("another host's rows, byte for byte").isEqualTo(otherHost);
                // The events of a pass are written right after its commit: give the worker a moment to write them.
                long written = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while ((events("inserted").size() < AFTER - BEFORE || events("deleted").isEmpty())
                        && System.nanoTime() < written) {
                    Thread.sleep(100);
                }
                assertThat(events("inserted")).as("each insert reported once, none for the rolled-back attempt")
                        .containsExactlyInAnyOrderElementsOf(names(BEFORE, AFTER));
                assertThat(events("deleted")).containsExactly("decky-0");
                assertThat(worker.isAlive()).isTrue();
            } finally {
                worker.terminate();
                if (worker.isAlive()) {
                    Cli.Result end = worker.await(60);
                    assertThat(end.code()).as(end.err()).isZero();
                }
            }
        }
    }

    private static String[] deckies(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "decky-" + i + ":ssh").toArray(String[]::new);
    }

    private static List<String> names(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "decky-" + i).sorted().toList();
    }

    private static List<String> localRows(PrivateDatabase db) throws SQLException {
        return db.rows("SELECT name FROM fleet_deckies WHERE host_uuid = 'local' ORDER BY name");
    }

    private static List<String> otherHostRows(PrivateDatabase db) throws SQLException {
        return db.rows("SELECT * FROM fleet_deckies WHERE host_uuid = 'other' ORDER BY name");
    }

    /** A trigger that makes each row inserted or deleted take half a second, so a pass's transaction is long. */
    private static void slowWrites(PrivateDatabase db) throws SQLException {
        if (db.kind() == PrivateDatabase.Kind.POSTGRES) {
            db.execute("CREATE OR REPLACE FUNCTION fleet_slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                            + "PERFORM pg_sleep(0.5); IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$",
                    "CREATE TRIGGER fleet_slow BEFORE INSERT OR DELETE ON fleet_deckies FOR EACH ROW "
                            + "EXECUTE FUNCTION fleet_slow()");
        } else {
            db.execute("CREATE TRIGGER fleet_slow_insert BEFORE INSERT ON fleet_deckies FOR EACH ROW "
                            + "SET @fleet_slow = SLEEP(0.5)",
                    "CREATE TRIGGER fleet_slow_delete BEFORE DELETE ON fleet_deckies FOR EACH ROW "
                            + "SET @fleet_slow = SLEEP(0.5)");
        }
    }

    private static void awaitInsertRunning(PrivateDatabase db) throws Exception {
        // A statement of another connection busy for more than 300 ms: only the slowed writes take that long.
        String running = db.kind() == PrivateDatabase.Kind.POSTGRES
                ? "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND datname = 'fleet_it'"
                        + " AND pid <> pg_backend_pid() AND now() - query_start > interval '300 milliseconds'"
                : "SELECT count(*) FROM information_schema.PROCESSLIST WHERE COMMAND <> 'Sleep' AND DB = 'fleet_it'"
                        + " AND ID <> CONNECTION_ID() AND TIME_MS > 300";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (db.rows(running).get(0).equals("0")) {
            assertThat(System.nanoTime()).as("the worker's pass starts inserting").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private void awaitFailedPasses(CliProcess worker, int passes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (failedPasses(worker.stderrSoFar()) < passes) {
            assertThat(System.nanoTime()).as("%d failed passes reported; stderr so far:%n%s", passes,
                    worker.stderrSoFar()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static long failedPasses(String stderr) {
        return stderr.lines().filter(l -> l.matches(".* WARN reconciler: pass \\d+ failed .*: store: .*")).count();
    }

    private void awaitLocalRows(PrivateDatabase db, List<String> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!localRows(db).equals(expected)) {
            assertThat(System.nanoTime()).as("the worker converges after the restart").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private List<String> events(String transition) throws Exception {
        Path file = dir.resolve("events.jsonl");
        List<String> names = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                if (line.contains("\"transition\":\"" + transition + "\"")) {
                    names.add(line.replaceAll(".*\"name\":\"([^\"]+)\".*", "$1"));
                }
            }
        }
        return names;
    }
}
