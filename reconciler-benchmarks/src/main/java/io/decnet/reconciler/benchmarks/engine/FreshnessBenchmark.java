package io.decnet.reconciler.benchmarks.engine;

import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.testkit.Deckies;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How fresh the table is with the real long-lived command ({@code fleet-reconciler reconcile}, event-fed, SQLite)
 * on the real engine, its interval set to five minutes so that only events and the state file watch can explain a
 * prompt pass:
 * <ul>
 *   <li>{@code docker kill} of one container of a running decky → its row's {@code state} changes (and
 *       {@code docker start} → back to {@code running}), over kills spread across the running deckies;</li>
 *   <li>a state file rewrite (a new file renamed over the old, as DECNET writes it) → the new decky's row;</li>
 *   <li>a burst of container events (pauses and unpauses of the running containers) → how many passes it caused,
 *       read from {@code /metrics}.</li>
 * </ul>
 * Times are taken from just before the Docker request or the rename to the moment a 5 ms poll of the table sees
 * the change. Everything made is removed at the end.
 *
 * <pre>
 * scripts/bench-engine.sh --freshness                        # 500 deckies, 50 kills, 20 rewrites, 1000 events
 * scripts/bench-engine.sh --freshness --deckies 50 --kills 5 --rewrites 3 --burst 100      # the smoke run
 * </pre>
 */
public final class FreshnessBenchmark {
    private static final String HOST = "bench";
    private static final Pattern PASSES = Pattern.compile("^fleet_reconciler_passes_total\\{[^}]*} ([0-9.E+]+)$",
            Pattern.MULTILINE);

    private final Map<String, String> settings;
    private final PrintStream out;
    private final BenchRun run = BenchRun.random("fb");

    FreshnessBenchmark(Map<String, String> settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** The settings of the full run; {@code main}'s options replace them one by one. */
    static Map<String, String> defaults() {
        return new java.util.HashMap<>(Map.of("--deckies", "500", "--running-deckies", "60", "--kills", "50",
                "--rewrites", "20", "--burst", "1000", "--cli-jar", "reconciler-cli/target/fleet-reconciler.jar"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = defaults();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!settings.containsKey(args[i])) {
                System.err.println("freshness benchmark: unknown option " + args[i] + "; options: " + settings.keySet());
                System.exit(2);
            }
            settings.put(args[i], args[i + 1]);
        }
        boolean ok = new FreshnessBenchmark(settings, System.out).run();
        System.exit(ok ? 0 : 1);
    }

    private int number(String option) {
        return Integer.parseInt(settings.get(option));
    }

    boolean run() throws Exception {
        String dockerHost = Objects.requireNonNull(System.getenv("FLEET_IT_DOCKER_HOST"), "FLEET_IT_DOCKER_HOST");
        String image = Objects.requireNonNull(System.getenv("FLEET_IT_DOCKER_IMAGE"), "FLEET_IT_DOCKER_IMAGE");
        int n = number("--deckies");
        int running = Math.min(n, number("--running-deckies"));
        Path dir = Files.createTempDirectory("fleet-freshness");
        Path stateFile = dir.resolve("decnet-state.json");
        Path db = dir.resolve("decnet.db");
        List<DeckySpec> fleet = run.deckies(0, n);
        Files.writeString(stateFile, Deckies.stateFileJson(fleet), StandardCharsets.UTF_8);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        out.printf(Locale.ROOT, "freshness: %d deckies x 2 containers (%d deckies running), run %s%n", n, running,
                run.id());
        Process cli = null;
        try (EngineContainers docker = new EngineContainers(dockerHost, image, run.id())) {
            try {
                docker.create(BenchRun.containerNames(fleet), name -> run.index(name) < running);
                cli = new ProcessBuilder("java", "-XX:+UseSerialGC", "-jar", settings.get("--cli-jar"), "reconcile",
                        "--interval", "300", "--state", stateFile.toString(), "--db", "jdbc:sqlite:" + db,
                        "--host-uuid", HOST, "--docker-host", dockerHost, "--health-port", Integer.toString(port))
                        .redirectOutput(dir.resolve("cli.out").toFile())
                        .redirectError(dir.resolve("cli.err").toFile())
                        .start();
                try (Connection sql = awaitTable(db, cli)) {
                    awaitStates(sql, fleet, running, cli);
                    measureKills(sql, docker, fleet, running);
                    measureRewrites(sql, stateFile, n);
                    measureBurst(docker, fleet, running, port);
                }
                return true;
            } finally {
                if (cli != null) {
                    cli.destroy();
                    if (!cli.waitFor(60, TimeUnit.SECONDS)) {
                        cli.destroyForcibly();
                    }
                    out.printf(Locale.ROOT, "the command stopped with exit code %s%n",
                            cli.isAlive() ? "(killed)" : cli.exitValue());
                }
                out.printf(Locale.ROOT, "removed %d containers%n", docker.removeAll());
                BenchRun.deleteTree(dir);
            }
        }
    }

    private void measureKills(Connection sql, EngineContainers docker, List<DeckySpec> fleet, int running)
            throws Exception {
        int kills = number("--kills");
        if (running == 0 || kills == 0) {
            return;
        }
        Samples killToRow = new Samples();
        Samples startToRow = new Samples();
        for (int k = 0; k < kills; k++) {
            // Spread over the running deckies: consecutive kills hit deckies far apart, each service in turn.
            DeckySpec decky = fleet.get((int) ((long) k * 7919 % running));
            String container = decky.name() + "-" + decky.services().get(k % 2);
            long t0 = System.nanoTime();
            docker.kill(container);
            awaitState(sql, decky.name(), "degraded", t0);
            killToRow.add(System.nanoTime() - t0);
            long t1 = System.nanoTime();
            docker.start(container);
            awaitState(sql, decky.name(), "running", t1);
            startToRow.add(System.nanoTime() - t1);
        }
        out.printf(Locale.ROOT, "docker kill -> row state:  %d kills, median %s ms, p99 %s ms (min %s, max %s)%n",
                killToRow.size(), Samples.ms(killToRow.median()), Samples.ms(killToRow.percentile(99)),
                Samples.ms(killToRow.min()), Samples.ms(killToRow.max()));
        out.printf(Locale.ROOT, "docker start -> row state: %d starts, median %s ms, p99 %s ms (min %s, max %s)%n",
                startToRow.size(), Samples.ms(startToRow.median()), Samples.ms(startToRow.percentile(99)),
                Samples.ms(startToRow.min()), Samples.ms(startToRow.max()));
    }

    private void measureRewrites(Connection sql, Path stateFile, int n) throws Exception {
        int rewrites = number("--rewrites");
        Samples rewriteToRow = new Samples();
        for (int r = 1; r <= rewrites; r++) {
            List<DeckySpec> grown = run.deckies(0, n + r);
            Path next = stateFile.resolveSibling(".decnet-state.json.tmp");
            Files.writeString(next, Deckies.stateFileJson(grown), StandardCharsets.UTF_8);
            String added = grown.get(n + r - 1).name();
            long t0 = System.nanoTime();
            Files.move(next, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            awaitState(sql, added, null, t0);
            rewriteToRow.add(System.nanoTime() - t0);
            Thread.sleep(300); // let the pass that follows settle before the next rewrite
        }
        if (rewriteToRow.size() > 0) {
            out.printf(Locale.ROOT, "state file rename -> new row: %d rewrites, median %s ms, p99 %s ms (min %s, max %s)%n",
                    rewriteToRow.size(), Samples.ms(rewriteToRow.median()), Samples.ms(rewriteToRow.percentile(99)),
                    Samples.ms(rewriteToRow.min()), Samples.ms(rewriteToRow.max()));
        }
    }

    private void measureBurst(EngineContainers docker, List<DeckySpec> fleet, int running, int port)
            throws Exception {
        int burst = number("--burst");
        if (running == 0 || burst == 0) {
            return;
        }
        Thread.sleep(2_000); // quiet: the passes before the burst are over
        double passesBefore = passes(port);
        List<String> containers = BenchRun.containerNames(fleet.subList(0, running));
        int events = 0;
        long t0 = System.nanoTime();
        while (events < burst) {
            List<String> round = containers.subList(0, Math.min(containers.size(), (burst - events + 1) / 2));
            docker.pause(round);
            docker.unpause(round);
            events += 2 * round.size();
        }
        long burstNanos = System.nanoTime() - t0;
        Thread.sleep(3_000); // the coalesced passes of the burst's end
        double passes = passes(port) - passesBefore;
        out.printf(Locale.ROOT, "burst: %d container events (pause/unpause) in %.1f s caused %.0f passes%n", events,
                burstNanos / 1e9, passes);
    }

    private static double passes(int port) throws IOException, InterruptedException {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double total = 0;
        Matcher m = PASSES.matcher(metrics);
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    /** Polls the row of {@code decky} every 5 ms until its state is {@code state} (or, for null, it exists). */
    private static void awaitState(Connection sql, String decky, String state, long since) throws Exception {
        try (PreparedStatement st = sql.prepareStatement(
                "SELECT state FROM fleet_deckies WHERE host_uuid = ? AND name = ?")) {
            st.setString(1, HOST);
            st.setString(2, decky);
            while (true) {
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next() && (state == null || state.equals(rs.getString(1)))) {
                        return;
                    }
                }
                if (System.nanoTime() - since > TimeUnit.SECONDS.toNanos(60)) {
                    throw new IllegalStateException("row " + decky + " did not become " + state + " within 60 s");
                }
                Thread.sleep(5);
            }
        }
    }

    private static Connection awaitTable(Path db, Process cli) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(db)) {
            if (!cli.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the command made no database (see its stderr)");
            }
            Thread.sleep(50);
        }
        return DriverManager.getConnection("jdbc:sqlite:" + db);
    }

    private void awaitStates(Connection sql, List<DeckySpec> fleet, int running, Process cli) throws Exception {
        long t0 = System.nanoTime();
        while (true) {
            int rows = 0;
            int runningRows = 0;
            try (PreparedStatement st = sql.prepareStatement(
                    "SELECT state FROM fleet_deckies WHERE host_uuid = ?")) {
                st.setString(1, HOST);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        runningRows += "running".equals(rs.getString(1)) ? 1 : 0;
                    }
                }
            } catch (SQLException e) {
                // the table is not there yet
            }
            if (rows == fleet.size() && runningRows == running) {
                out.printf(Locale.ROOT, "first pass: %d rows (%d running) after %.1f s%n", rows, runningRows,
                        (System.nanoTime() - t0) / 1e9);
                return;
            }
            if (!cli.isAlive() || System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(120)) {
                throw new IllegalStateException("the table did not converge: " + rows + " rows, " + runningRows
                        + " running");
            }
            Thread.sleep(50);
        }
    }
}
