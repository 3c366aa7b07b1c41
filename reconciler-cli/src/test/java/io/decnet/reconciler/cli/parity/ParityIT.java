package io.decnet.reconciler.cli.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.cli.CliAccess;
import io.decnet.reconciler.testkit.junit.ExternalService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parity with DECNET's reconciler: seeded random scenarios (DECNET's table and rows in a real SQLite file, DECNET's
 * state files, the real Docker engine) run through {@code reconcile --once}, each compared with
 * {@link DecnetModel}. {@code -Dparity.seed=S} replays a run, {@code -Dparity.scenarios=N} (default 200) sizes it;
 * the tally goes to stdout and {@code target/parity-report.txt}. Needs Docker ({@code FLEET_IT_DOCKER_HOST}).
 */
class ParityIT {
    private static final String HOW_TO_START =
            "run: scripts/services/docker.sh start && eval \"$(scripts/services/docker.sh env)\"";
    /** One in this many scenarios runs through the packaged launcher (5 of 200). */
    private static final int PROCESS_EVERY = 40;

    private static String dockerHost;
    private static ContainerPool pool;
    private static String run;

    @TempDir
    static Path dir;

    @BeforeAll
    static void pool() {
        // In this JVM the command's own logging set-up does not run: keep 200 passes' logs off the build output.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
        }
        dockerHost = ExternalService.requireEnv("FLEET_IT_DOCKER_HOST", HOW_TO_START);
        String image = ExternalService.requireEnv("FLEET_IT_DOCKER_IMAGE", HOW_TO_START);
        run = "p" + UUID.randomUUID().toString().substring(0, 6);
        pool = ContainerPool.create(dockerHost, image, run);
    }

    @AfterAll
    static void removePool() {
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void reconcileOnceEndsEveryScenarioTheWayDecnetWouldApartFromTheIntendedDifferences() throws Exception {
        long seed = Long.getLong("parity.seed", System.nanoTime() % 1_000_000_000L);
        int count = Integer.getInteger("parity.scenarios", 200);
        Path reportFile = Path.of(System.getProperty("parity.report", "target/parity-report.txt"));
        Map<String, String> containers = pool.statuses();
        assertThat(containers).as("the pool as the engine shows it").hasSize(
                ContainerPool.LAYOUT.values().stream().mapToInt(Map::size).sum());
        String noDocker = "unix://" + dir.resolve("no-docker").resolve("docker.sock");
        ScenarioGenerator generator = new ScenarioGenerator(seed, pool.deckyNames(), run);
        ParityReport report = new ParityReport(seed);
        Instant start = Instant.now();
        for (int i = 0; i < count; i++) {
            Instant now = Instant.now();
            Scenario s = generator.scenario(i, i % PROCESS_EVERY == PROCESS_EVERY - 1, now);
            Expectation want = DecnetModel.expect(s, containers, now);
            try {
                runAndCompare(s, want, containers, now, report, noDocker);
            } catch (Exception | AssertionError e) {
                // A run that hangs or a file that cannot be made is a mismatch too; the other scenarios still run.
                report.record(s, containers, now, want, new RunResult(-1, "", e.toString()), List.of(),
                        List.of("the scenario could not be run to its end: " + e));
            }
        }
        Duration took = Duration.between(start, Instant.now());
        report.write(reportFile, took);
        System.out.println(report.summary());
        System.out.println(report.coverage());
        System.out.println("parity: " + took.toMillis() + " ms for " + count + " scenarios; report "
                + reportFile.toAbsolutePath());
        assertThat(pool.statuses()).as("the pool did not change during the run").isEqualTo(containers);
        assertThat(report.mismatches()).as(() -> report.summary() + "; first ones (all in " + reportFile + "):\n"
                + report.first(3)).isZero();
    }

    private static void runAndCompare(Scenario s, Expectation want, Map<String, String> containers, Instant now,
            ParityReport report, String noDocker) throws Exception {
        Path sdir = dir.resolve("s" + s.index());
        Path db = sdir.resolve("decnet.db");
        RunResult got = run(s, sdir, noDocker);
        if (s.dockerReachable() && got.out().contains("docker=unusable")) {
            // The engine is shared and can stall under other tests' churn: that is no parity question, so the
            // scenario is made afresh and run once more (counted in the report).
            report.retried();
            sdir = dir.resolve("s" + s.index() + "-again");
            db = sdir.resolve("decnet.db");
            got = run(s, sdir, noDocker);
        }
        List<Row> after = DecnetTable.read(db);
        report.record(s, containers, now, want, got, after, Comparison.differences(s, want, got, after));
    }

    /** Makes the scenario's SQLite file and state file in {@code sdir}, then runs {@code reconcile --once}. */
    private static RunResult run(Scenario s, Path sdir, String noDocker) throws Exception {
        Files.createDirectories(sdir);
        Path db = sdir.resolve("decnet.db");
        DecnetTable.create(db, s.rows());
        Path state = s.state().write(sdir);
        String[] args = {"reconcile", "--once", "--state", state.toString(), "--db", "jdbc:sqlite:" + db,
            "--docker-host", s.dockerReachable() ? dockerHost : noDocker, "--host-uuid", DecnetModel.HOST};
        CliAccess.Outcome o = s.viaProcess() ? CliAccess.packaged(sdir, args) : CliAccess.inProcess(args);
        return new RunResult(o.code(), o.out(), o.err());
    }
}
