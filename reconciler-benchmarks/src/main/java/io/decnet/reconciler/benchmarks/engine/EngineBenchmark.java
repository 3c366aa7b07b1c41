package io.decnet.reconciler.benchmarks.engine;

import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.RuntimeInspector;
import io.decnet.reconciler.api.RuntimeObservation;
import io.decnet.reconciler.core.Reconciler;
import io.decnet.reconciler.core.statefile.StateFileSource;
import io.decnet.reconciler.docker.DockerRuntimeInspector;
import io.decnet.reconciler.docker.EventCacheStatus;
import io.decnet.reconciler.jdbi.JdbiFleetStore;
import io.decnet.reconciler.testkit.Deckies;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Real-engine benchmark of a pass: for each fleet size N (deckies × 2 containers) and each database, the converged
 * pass (polling: one list call; event-fed: the container cache), a pass after 10 % of the rows' states went stale,
 * and the bare reads a pass cannot avoid (reading the state file's bytes, one {@code SELECT} of the host's rows,
 * one container list call), with each pass's ratio to them. Medians with min and max over repeated passes.
 *
 * <p>Everything it makes is removed at the end: its containers (labelled {@value EngineContainers#LABEL}), its
 * tables ({@code fleet_bench_<run>_<n>}) and its temporary directory. Each figure is checked before it is
 * measured (a converged pass plans nothing; a drift pass changes exactly the stale states), so that no figure
 * belongs to another path.
 *
 * <pre>
 * scripts/bench-engine.sh                                   # N = 50, 500, 2000 on SQLite, PostgreSQL, MariaDB
 * scripts/bench-engine.sh --sizes 50 --passes 5 --databases sqlite      # the smoke run
 * </pre>
 *
 * Environment: {@code FLEET_IT_DOCKER_HOST}, {@code FLEET_IT_DOCKER_IMAGE} (from {@code scripts/services/docker.sh
 * env}), {@code FLEET_IT_POSTGRES_URL}, {@code FLEET_IT_MARIADB_URL} (from {@code databases.sh env}).
 */
public final class EngineBenchmark {
    static final String HOST = "bench";

    private final Options options;
    private final PrintStream out;
    private final BenchRun run = BenchRun.random("eb");
    private final Reconciler reconciler = Reconciler.create();

    EngineBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("engine benchmark: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        List<Result> results = new EngineBenchmark(options, System.out).run();
        System.exit(results.isEmpty() ? 1 : 0);
    }

    /** Runs every size on every database; returns one result per (database, size, case). */
    List<Result> run() throws IOException, SQLException {
        Path dir = Files.createTempDirectory("fleet-engine-bench");
        List<Result> results = new ArrayList<>();
        out.printf(Locale.ROOT, "engine %s, run %s, sizes %s, %d passes per figure, %d running deckies at most%n",
                options.dockerHost(), run.id(), Arrays.toString(options.sizes()), options.passes(),
                options.runningDeckies());
        try (EngineContainers docker = new EngineContainers(options.dockerHost(), options.image(), run.id());
                DockerRuntimeInspector polling = DockerRuntimeInspector.builder()
                        .dockerHost(options.dockerHost()).build();
                DockerRuntimeInspector watching = DockerRuntimeInspector.builder()
                        .dockerHost(options.dockerHost()).watchEvents(true).build()) {
            try {
                int made = 0;
                for (int n : options.sizes()) {
                    long t0 = System.nanoTime();
                    List<DeckySpec> fleet = run.deckies(0, n);
                    docker.create(BenchRun.containerNames(fleet.subList(made, n)),
                            name -> run.index(name) < options.runningDeckies());
                    made = n;
                    out.printf(Locale.ROOT, "N=%d: %d containers ready in %.1f s%n", n, 2 * n,
                            (System.nanoTime() - t0) / 1e9);
                    Path stateFile = dir.resolve("decnet-state-" + n + ".json");
                    Files.writeString(stateFile, Deckies.stateFileJson(fleet), StandardCharsets.UTF_8);
                    for (Database db : options.databases()) {
                        awaitTrustworthy(watching);
                        results.addAll(measure(db, n, fleet, stateFile, dir, polling, watching));
                    }
                }
                out.println();
                out.print(Result.table(results));
            } finally {
                long t0 = System.nanoTime();
                int removed = docker.removeAll();
                out.printf(Locale.ROOT, "removed %d containers in %.1f s%n", removed,
                        (System.nanoTime() - t0) / 1e9);
                BenchRun.deleteTree(dir);
            }
        }
        return results;
    }

    private List<Result> measure(Database db, int n, List<DeckySpec> fleet, Path stateFile, Path dir,
            RuntimeInspector polling, DockerRuntimeInspector watching) throws IOException, SQLException {
        String table = "fleet_bench_" + run.id() + "_" + n;
        String url = db.url(dir, n);
        List<Result> results = new ArrayList<>();
        try (JdbiFleetStore store = JdbiFleetStore.builder().jdbcUrl(url).tableName(table).build();
                Connection sql = DriverManager.getConnection(url)) {
            StateFileSource state = StateFileSource.of(stateFile);
            ReconcileReport seeded = reconciler.reconcileOnce(state, store, polling, HOST);
            check(seeded.inserted() == n && !seeded.failed(), "the first pass inserts every decky", seeded);

            Samples file = time(() -> readBytes(stateFile));
            Samples select = time(() -> selectAll(sql, table));
            Samples list = time(() -> requireObserved(polling.observe()));
            long reads = file.median() + select.median() + list.median();
            results.add(new Result(db, n, "read: state file bytes", file, null));
            results.add(new Result(db, n, "read: one SELECT", select, null));
            results.add(new Result(db, n, "read: one list call", list, null));

            Phases phases = new Phases();
            Samples converged = time(() -> converged(state, store, polling), phases::add);
            results.add(new Result(db, n, "converged pass, polling", converged, ratio(converged, reads)));
            results.addAll(phases.results(db, n, "converged pass, polling"));

            Phases eventPhases = new Phases();
            Samples eventFed = time(() -> converged(state, store, watching), eventPhases::add);
            long selectAndPlan = select.median() + phases.planMedian();
            results.add(new Result(db, n, "converged pass, event-fed", eventFed, ratio(eventFed, reads)
                    + String.format(Locale.ROOT, "; %.2f× one SELECT + planning", eventFed.median()
                    / (double) selectAndPlan)));
            results.addAll(eventPhases.results(db, n, "converged pass, event-fed"));

            Samples drift = new Samples();
            for (int i = 0; i < options.passes(); i++) {
                int stale = makeStale(sql, table, fleet, i);
                long t0 = System.nanoTime();
                ReconcileReport r = reconciler.reconcileOnce(state, store, polling, HOST);
                drift.add(System.nanoTime() - t0);
                check(r.stateUpdated() == stale && r.inserted() == 0 && r.deleted() == 0 && !r.failed(),
                        "a drift pass restores exactly the " + stale + " stale states", r);
            }
            results.add(new Result(db, n, "10 % drift pass, polling", drift, ratio(drift, reads)));
            try (Statement st = sql.createStatement()) {
                st.execute("DROP TABLE " + table);
            }
        }
        return results;
    }

    /** Waits until the event-fed inspector answers from its cache (it has caught up with the containers made). */
    private static void awaitTrustworthy(DockerRuntimeInspector watching) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!watching.cacheStatus().map(EventCacheStatus::trustworthy).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the event-fed inspector did not catch up within 60 s: "
                        + watching.cacheStatus());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private ReconcileReport converged(StateFileSource state, JdbiFleetStore store, RuntimeInspector docker) {
        ReconcileReport r = reconciler.reconcileOnce(state, store, docker, HOST);
        check(!r.hasChanges() && !r.failed() && r.skips().isEmpty(), "a converged pass plans nothing", r);
        return r;
    }

    /**
     * Makes every tenth row's state (a different tenth each round) wrong but settled: {@code running} becomes
     * {@code failed} and anything else {@code running} (a transition such as {@code pending} would be left alone
     * within its grace period). Returns how many.
     */
    private static int makeStale(Connection sql, String table, List<DeckySpec> fleet, int round)
            throws SQLException {
        int stale = 0;
        try (PreparedStatement st = sql.prepareStatement(
                "UPDATE " + table + " SET state = CASE WHEN state = 'running' THEN 'failed' ELSE 'running' END"
                        + " WHERE host_uuid = ? AND name = ?")) {
            for (int i = round % 10; i < fleet.size(); i += 10) {
                st.setString(1, HOST);
                st.setString(2, fleet.get(i).name());
                st.addBatch();
                stale++;
            }
            st.executeBatch();
        }
        return stale;
    }

    private Samples time(Supplier<?> action) {
        return time(action, result -> { });
    }

    /** Times {@code action} after a warm-up; {@code measured} gets the result of each timed run. */
    private <T> Samples time(Supplier<T> action, java.util.function.Consumer<T> measured) {
        for (int i = 0; i < Math.min(3, options.passes()); i++) {
            action.get(); // warm-up: class loading, connections, the JIT's first tiers
        }
        Samples samples = new Samples();
        for (int i = 0; i < options.passes(); i++) {
            long t0 = System.nanoTime();
            T result = action.get();
            samples.add(System.nanoTime() - t0);
            measured.accept(result);
        }
        return samples;
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("reading " + file + ": " + e.getMessage(), e);
        }
    }

    /** One SELECT of the host's rows, every column read as text: what the store's read cannot do less than. */
    private static Integer selectAll(Connection sql, String table) {
        try (PreparedStatement st = sql.prepareStatement("SELECT * FROM " + table + " WHERE host_uuid = ?")) {
            st.setString(1, HOST);
            int rows = 0;
            try (ResultSet rs = st.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int c = 1; c <= columns; c++) {
                        rs.getString(c);
                    }
                    rows++;
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("SELECT on " + table + ": " + e.getMessage(), e);
        }
    }

    private static RuntimeObservation requireObserved(RuntimeObservation seen) {
        if (!(seen instanceof RuntimeObservation.Observed)) {
            throw new IllegalStateException("the engine is unreachable: " + seen);
        }
        return seen;
    }

    private static String ratio(Samples pass, long reads) {
        return String.format(Locale.ROOT, "%.2f× the bare reads", pass.median() / (double) reads);
    }

    private static void check(boolean ok, String what, ReconcileReport report) {
        if (!ok) {
            throw new IllegalStateException("expected " + what + ", got: " + report.countsLine()
                    + report.findFailure().map(f -> " (" + f.message() + ")").orElse("")
                    + (report.skips().isEmpty() ? "" : " skips " + report.skips()));
        }
    }

    /** A database to measure on: SQLite in the run's directory, or a server's JDBC URL. */
    record Database(String label, String serverUrl) {
        String url(Path dir, int n) {
            return serverUrl != null ? serverUrl : "jdbc:sqlite:" + dir.resolve("bench-" + n + ".db");
        }

        static Database parse(String name, Map<String, String> env) {
            String label = name.strip().toLowerCase(Locale.ROOT);
            String var = switch (label) {
                case "sqlite" -> null;
                case "postgresql" -> "FLEET_IT_POSTGRES_URL";
                case "mariadb" -> "FLEET_IT_MARIADB_URL";
                default -> throw new IllegalArgumentException("unknown database '" + name
                        + "'; use sqlite, postgresql or mariadb");
            };
            if (var == null) {
                return new Database(label, null);
            }
            String url = env.get(var);
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException(var + " is not set (eval \"$(scripts/services/databases.sh env)\")");
            }
            return new Database(label, url);
        }
    }
}
