package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import io.decnet.reconciler.testkit.junit.ExternalService;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real long-lived reconcilers of one host on one database, SQLite, PostgreSQL and MariaDB (two processes, as on
 * two machines sharing the database): every change is applied by exactly one of them (each committed insert and delete appears once across
 * both event logs), and when one is killed with SIGKILL the other carries on within two intervals.
 */
class WorkerPairIT {
    private static final int DECKIES = 40;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void twoWorkersOfOneHostApplyEachChangeOnceAndTheSurvivorOfAKillCarriesOn(String database) throws Exception {
        String how = "run: scripts/services/databases.sh start && eval \"$(scripts/services/databases.sh env)\"";
        String db = switch (database) {
            case "postgresql" -> ExternalService.requireEnv("FLEET_IT_POSTGRES_URL", how);
            case "mariadb" -> ExternalService.requireEnv("FLEET_IT_MARIADB_URL", how);
            default -> "jdbc:sqlite:" + dir.resolve("decnet.db");
        };
        String host = "pair-" + UUID.randomUUID().toString().substring(0, 8); // the servers are shared
        Path state = StateFiles.write(dir.resolve("decnet-state.json"),
                IntStream.range(0, DECKIES).mapToObj(i -> "decky-" + i + ":ssh").toArray(String[]::new));
        Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + dir.resolve("no-docker.sock"));
        List<CliProcess> workers = new ArrayList<>();
        try {
            for (String name : List.of("a", "b")) {
                workers.add(CliProcess.start(dir, env, "reconcile", "--interval", "1", "--state", state.toString(),
                        "--db", db, "--host-uuid", host, "--events", dir.resolve("events-" + name + ".jsonl").toString()));
            }
            awaitRows(db, host, DECKIES);
            Thread.sleep(2_500); // several more passes of both: a converged table, so nothing more to apply

            List<String> inserts = events("inserted");
            assertThat(inserts).as("each decky inserted by exactly one of the two").hasSize(DECKIES)
                    .doesNotHaveDuplicates();

            ProcessHandle.of(workers.get(0).pid()).ifPresent(ProcessHandle::destroyForcibly);
            assertThat(workers.get(0).await(30).code()).isNotZero();
            StateFiles.write(state, IntStream.range(0, DECKIES / 2).mapToObj(i -> "decky-" + i + ":ssh")
                    .toArray(String[]::new));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2 * 1 + 8);
            while (FleetTable.states(db, host).size() != DECKIES / 2) {
                assertThat(System.nanoTime()).as("the survivor applies the teardown").isLessThan(deadline);
                Thread.sleep(100);
            }
            // The events of a pass are written right after its commit: give the survivor a moment to write them.
            long written = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (events("deleted").size() < DECKIES / 2 && System.nanoTime() < written) {
                Thread.sleep(100);
            }
            assertThat(events("deleted")).hasSize(DECKIES / 2).doesNotHaveDuplicates();
            assertThat(workers.get(1).isAlive()).isTrue();
        } finally {
            for (CliProcess w : workers) {
                w.terminate();
            }
            for (CliProcess w : workers) {
                if (w.isAlive()) {
                    w.await(60);
                }
            }
        }
    }

    private void awaitRows(String db, String host, int rows) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (FleetTable.states(db, host).size() != rows) {
            assertThat(System.nanoTime()).as("both workers started and one inserted the fleet").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The deckies of every event of {@code transition} in both workers' logs. */
    private List<String> events(String transition) throws Exception {
        List<String> names = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            Path file = dir.resolve("events-" + name + ".jsonl");
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    if (line.contains("\"transition\":\"" + transition + "\"")) {
                        names.add(line.replaceAll(".*\"name\":\"([^\"]+)\".*", "$1"));
                    }
                }
            }
        }
        return names;
    }
}
