package io.decnet.reconciler.benchmarks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.testkit.junit.ExternalService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A smoke run of the real-engine runners, small enough for CI: they measure on the real engine and databases,
 * check each path before timing it, print their figures and leave nothing behind. The full runs, with the figures
 * in docs/benchmarks.md, are {@code scripts/bench-engine.sh} and {@code scripts/bench-engine.sh --freshness}.
 */
class EngineRunnersIT {
    private static final String HOW = "run: scripts/services/docker.sh start && scripts/services/databases.sh start, "
            + "then eval the env of both";

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void theEngineBenchmarkMeasuresEveryPathOnEveryDatabaseAndRemovesItsContainers() throws Exception {
        Map<String, String> env = Map.of(
                "FLEET_IT_DOCKER_HOST", ExternalService.requireEnv("FLEET_IT_DOCKER_HOST", HOW),
                "FLEET_IT_DOCKER_IMAGE", ExternalService.requireEnv("FLEET_IT_DOCKER_IMAGE", HOW),
                "FLEET_IT_POSTGRES_URL", ExternalService.requireEnv("FLEET_IT_POSTGRES_URL", HOW),
                "FLEET_IT_MARIADB_URL", ExternalService.requireEnv("FLEET_IT_MARIADB_URL", HOW));
        Options options = Options.parse(new String[] {"--sizes", "20", "--passes", "3", "--running-deckies", "5"},
                env);

        List<Result> results = new EngineBenchmark(options, out).run();

        String text = printed.toString(StandardCharsets.UTF_8);
        for (String db : List.of("sqlite", "postgresql", "mariadb")) {
            assertThat(results).filteredOn(r -> r.database().label().equals(db)).extracting(Result::what)
                    .contains("read: one list call", "converged pass, polling", "converged pass, event-fed",
                            "10 % drift pass, polling");
        }
        assertThat(results).allSatisfy(r -> assertThat(r.samples().size()).isEqualTo(3));
        assertThat(text).contains("| sqlite | 20 | converged pass, event-fed |", "removed 40 containers");
    }

    @Test
    void theFreshnessBenchmarkSeesKillsRenamesAndABurstThroughTheRealCommand() throws Exception {
        ExternalService.requireEnv("FLEET_IT_DOCKER_HOST", HOW);
        ExternalService.requireEnv("FLEET_IT_DOCKER_IMAGE", HOW);
        Map<String, String> settings = FreshnessBenchmark.defaults();
        settings.putAll(Map.of("--deckies", "20", "--running-deckies", "6", "--kills", "4", "--rewrites", "3",
                "--burst", "60", "--cli-jar", System.getProperty("fleet.cli.jar")));

        assertThat(new FreshnessBenchmark(settings, out).run()).isTrue();

        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("docker kill -> row state:  4 kills", "state file rename -> new row: 3 rewrites",
                "the command stopped with exit code 0", "removed 40 containers");
        Matcher burst = Pattern.compile("burst: (\\d+) container events .* caused (\\d+) passes").matcher(text);
        assertThat(burst.find()).as(text).isTrue();
        assertThat(Integer.parseInt(burst.group(1))).isGreaterThanOrEqualTo(60);
        assertThat(Integer.parseInt(burst.group(2))).as("passes: coalesced, far fewer than the events")
                .isBetween(1, Integer.parseInt(burst.group(1)) / 4);
    }
}
