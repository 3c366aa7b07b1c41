package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long-lived mode in-process, with the shutdown signal fired by the test (the real SIGTERM is
 * {@code ReconcileCommandIT}): health and metrics are served while it runs; stopping returns exit code 0.
 */
class LongLivedModeTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void servesHealthAndMetricsRunsAPassWhenTheStateFileChangesAndExitsZeroWhenStopped(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("decnet.db");
        Path state = StateFiles.write(dir.resolve("decnet-state.json"), "decky-01:ssh", "decky-02:http");
        int port = freePort();
        AtomicReference<Runnable> signal = new AtomicReference<>();

        CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> Cli.run(Map.of(), signal::set,
                "reconcile", "--interval", "3600", "--state", state.toString(), "--db", "jdbc:sqlite:" + db,
                "--docker-host", "unix://" + dir.resolve("no-docker.sock"), "--health-port", String.valueOf(port)));

        HttpResponse<String> health = awaitHealthy(port, run);
        assertThat(health.body()).contains("\"status\":\"ok\"", "\"consecutive_failures\":0");
        assertThat(FleetTable.states(db, "local")).containsOnlyKeys("decky-01", "decky-02");

        HttpResponse<String> metrics = get(port, "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/plain"));
        assertThat(metrics.body()).contains(
                "fleet_reconciler_passes_total{outcome=\"succeeded\"} 1.0",
                "fleet_reconciler_rows_inserted_total 2.0",
                "fleet_reconciler_docker_usable 0.0",
                "fleet_reconciler_state_file_usable 1.0",
                "fleet_reconciler_pass_duration_seconds_count 1",
                "fleet_reconciler_consecutive_failures 0.0");
        assertThat(metrics.body()).containsPattern("(?m)^fleet_reconciler_last_success_timestamp_seconds \\d");
        assertThat(get(port, "/nope").statusCode()).isEqualTo(404);

        StateFiles.write(state, "decky-01:ssh", "decky-02:http", "decky-03:ftp");
        awaitRows(db, 3, run); // the interval is an hour: only the state file's change can have run this pass

        signal.get().run();
        Cli.Result result = run.get(60, TimeUnit.SECONDS);

        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(portClosed(port)).as("health server closed").isTrue();
    }

    private HttpResponse<String> awaitHealthy(int port, CompletableFuture<Cli.Result> run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (run.isDone()) {
                throw new AssertionError("the command ended early: " + run.get());
            }
            try {
                HttpResponse<String> r = get(port, "/healthz");
                if (r.statusCode() == 200) {
                    return r;
                }
            } catch (ConnectException notYet) {
                // the server is starting
            }
            Thread.sleep(50);
        }
        throw new AssertionError("/healthz never answered 200");
    }

    private static void awaitRows(Path db, int rows, CompletableFuture<Cli.Result> run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (FleetTable.states(db, "local").size() != rows) {
            if (run.isDone() || System.nanoTime() > deadline) {
                throw new AssertionError("no pass after the state file changed: " + FleetTable.states(db, "local")
                        + (run.isDone() ? "\n" + run.get() : ""));
            }
            Thread.sleep(50);
        }
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private boolean portClosed(int port) throws InterruptedException {
        try {
            get(port, "/healthz");
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
