package io.decnet.reconciler.jdbi;

import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.core.Reconciler;
import io.decnet.reconciler.core.statefile.StateFileSource;
import io.decnet.reconciler.testkit.FakeRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times whole reconcile passes over N deckies (default 10,000) against each database: an insert pass (empty
 * table, N inserts in one transaction) and a converged pass (one SELECT, no write). Prints medians. Not a test:
 *
 * <pre>
 * eval "$(scripts/services/databases.sh env)"
 * mvn -B -o -q -pl reconciler-jdbi -am verify -Pbench -DskipTests [-Dbench.rows=10000 -Dbench.rounds=7]
 * </pre>
 *
 * SQLite always runs (a temporary file); PostgreSQL and MariaDB run when FLEET_IT_POSTGRES_URL /
 * FLEET_IT_MARIADB_URL are set. Each round uses a fresh table; the first two rounds are warm-up.
 */
public final class FleetStoreBenchmark {
    private static final int WARMUP = 2;

    private FleetStoreBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rows = Integer.getInteger("bench.rows", 10_000);
        int rounds = Integer.getInteger("bench.rounds", 7);
        Path work = Files.createTempDirectory("fleet-bench");
        Path stateFile = work.resolve("decnet-state.json");
        FakeRuntime docker = FakeRuntime.create();
        writeState(stateFile, rows, docker);

        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("SQLite", "jdbc:sqlite:" + work.resolve("bench.db"));
        urls.put("PostgreSQL", System.getenv("FLEET_IT_POSTGRES_URL"));
        urls.put("MariaDB", System.getenv("FLEET_IT_MARIADB_URL"));
        System.out.printf(Locale.ROOT, "fleet store benchmark: %d deckies (2 services each), %d rounds after %d "
                + "warm-up, medians; JVM %s%n", rows, rounds, WARMUP, Runtime.version());
        for (Map.Entry<String, String> target : urls.entrySet()) {
            if (target.getValue() == null || target.getValue().isBlank()) {
                System.out.printf(Locale.ROOT, "%-10s skipped (set its FLEET_IT_*_URL: scripts/services/databases.sh env)%n",
                        target.getKey());
                continue;
            }
            run(target.getKey(), target.getValue(), stateFile, docker, rows, rounds);
        }
    }

    private static void run(String name, String url, Path stateFile, FakeRuntime docker, int rows, int rounds) {
        Reconciler reconciler = Reconciler.create();
        StateFileSource state = StateFileSource.of(stateFile);
        List<Double> insertPass = new ArrayList<>();
        List<Double> insertApply = new ArrayList<>();
        List<Double> convergedPass = new ArrayList<>();
        List<Double> convergedRead = new ArrayList<>();
        for (int round = 0; round < WARMUP + rounds; round++) {
            String table = TestDatabase.uniqueTable("bench");
            try (JdbiFleetStore store = JdbiFleetStore.builder().jdbcUrl(url).tableName(table).build()) {
                store.prepare();
                long start = System.nanoTime();
                ReconcileReport insert = reconciler.reconcileOnce(state, store, docker, "local");
                double insertMillis = (System.nanoTime() - start) / 1e6;
                check(insert.inserted() == rows && !insert.failed(), "insert pass: " + insert.countsLine());

                start = System.nanoTime();
                ReconcileReport converged = reconciler.reconcileOnce(state, store, docker, "local");
                double convergedMillis = (System.nanoTime() - start) / 1e6;
                check(!converged.hasChanges() && !converged.failed(), "converged pass: " + converged.countsLine());

                if (round >= WARMUP) {
                    insertPass.add(insertMillis);
                    insertApply.add(insert.timings().apply().toNanos() / 1e6);
                    convergedPass.add(convergedMillis);
                    convergedRead.add(converged.timings().storeRead().toNanos() / 1e6);
                }
            } finally {
                drop(url, table);
            }
        }
        System.out.printf(Locale.ROOT, "%-10s insert pass %7.1f ms (store apply %7.1f ms) | converged pass %7.1f ms"
                + " (store read %6.1f ms)%n", name, median(insertPass), median(insertApply), median(convergedPass),
                median(convergedRead));
    }

    private static void writeState(Path file, int rows, FakeRuntime docker) throws IOException {
        StringBuilder json = new StringBuilder("{\"config\": {\"mode\": \"unihost\", \"deckies\": [");
        for (int i = 0; i < rows; i++) {
            String name = String.format(Locale.ROOT, "decky-%05d", i);
            json.append(i == 0 ? "" : ", ").append("{\"name\": \"").append(name).append("\", \"ip\": \"10.")
                    .append(i / 65536).append('.').append(i / 256 % 256).append('.').append(i % 256)
                    .append("\", \"services\": [\"ssh\", \"http\"], \"distro\": \"debian\", \"hostname\": \"")
                    .append(name).append("\", \"host_uuid\": null}");
            docker.running(name, "ssh", "http");
        }
        Files.writeString(file, json.append("]}}").toString(), StandardCharsets.UTF_8);
    }

    private static void drop(String url, String table) {
        try (var connection = java.sql.DriverManager.getConnection(url);
                var statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
        } catch (java.sql.SQLException e) {
            System.out.println("could not drop " + table + ": " + e.getMessage());
        }
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("unexpected result of the " + what);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
