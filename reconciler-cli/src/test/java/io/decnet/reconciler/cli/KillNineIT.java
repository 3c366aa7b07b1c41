package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciler itself killed with SIGKILL at random moments of a pass that inserts, updates and deletes many rows:
 * the SQLite file is never corrupt, the pass's writes are all there or none of them (one transaction), and the
 * next pass converges. The real packaged command, a real SQLite file; Docker is unreachable so that the states are
 * the file's (the kill is what is tested here, not Docker).
 */
class KillNineIT {
    private static final int TRIALS = Integer.getInteger("killnine.trials", 8);
    private static final int DECKIES = 1500;

    @TempDir
    Path dir;

    @Test
    void aPassKilledAtAnyMomentLeavesTheTableAsBeforeOrAsAfterAndTheNextPassConverges() throws Exception {
        long seed = Long.getLong("killnine.seed", System.nanoTime());
        Random random = new Random(seed);
        Path db = dir.resolve("decnet.db");
        Path state = dir.resolve("decnet-state.json");
        Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + dir.resolve("no-docker.sock"));
        String[] base = {"reconcile", "--once", "--state", state.toString(), "--db", "jdbc:sqlite:" + db};
        int killedMidPass = 0;
        int leftAsBefore = 0;

        for (int trial = 0; trial < TRIALS; trial++) {
            // Alternate between two fleets that differ in every row: each pass inserts or deletes 1500 rows.
            boolean even = trial % 2 == 0;
            StateFiles.write(state, IntStream.range(0, DECKIES)
                    .mapToObj(i -> (even ? "even-" : "odd-") + i + ":ssh").toArray(String[]::new));
            int before = count(db);
            CliProcess pass = CliProcess.start(dir, env, base);
            Thread.sleep(300 + random.nextInt(2_500));
            boolean wasAlive = pass.isAlive();
            ProcessHandle.of(pass.pid()).ifPresent(ProcessHandle::destroyForcibly);
            Cli.Result killed = pass.await(60);
            killedMidPass += wasAlive ? 1 : 0;

            assertThat(integrityCheck(db)).as("trial %d (seed %d): %s", trial, seed, killed).isEqualTo("ok");
            int after = count(db);
            assertThat(after).as("trial %d (seed %d): all of the pass or none of it", trial, seed)
                    .isIn(before, DECKIES);
            leftAsBefore += wasAlive && after == before ? 1 : 0;
            Cli.Result next = CliProcess.run(dir, env, base);
            assertThat(next.code()).as(next.toString()).isZero();
            assertThat(count(db)).isEqualTo(DECKIES);
            assertThat(CliProcess.run(dir, env, base).outLines().get(0))
                    .isEqualTo("reconcile: inserted=0 deleted=0 state_updated=0");
        }
        System.out.printf("kill -9: %d trials, %d killed while running (%d before the commit), 0 inconsistent "
                + "(seed %d)%n", TRIALS, killedMidPass, leftAsBefore, seed);
        assertThat(killedMidPass).as("most kills must land while the command runs, or this tests nothing")
                .isGreaterThan(TRIALS / 3);
    }

    private static int count(Path db) throws Exception {
        if (!db.toFile().exists()) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'fleet_deckies'")) {
            rs.next();
            if (rs.getInt(1) == 0) {
                return 0;
            }
        }
        return FleetTable.states(db, "local").size();
    }

    private static String integrityCheck(Path db) throws Exception {
        if (!db.toFile().exists()) {
            return "ok";
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            List<String> lines = new java.util.ArrayList<>();
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
            return String.join("; ", lines);
        }
    }
}
