package io.decnet.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state file missing only for a moment is not a teardown: real file operations, the way editors and tools save,
 * against the real watcher of the long-lived mode on a real SQLite file. The interval is an hour, so every pass
 * after the first is one the watcher triggered.
 */
class EditorSaveTest {
    private static final Pattern PASSES = Pattern.compile("fleet_reconciler_passes_total\\{outcome=\"succeeded\"} (\\d+)");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;
    private Path db;
    private Path state;
    private Path events;
    private int port;
    private final AtomicReference<Runnable> signal = new AtomicReference<>();
    private CompletableFuture<Cli.Result> run;

    @BeforeEach
    void startWorker() throws Exception {
        db = dir.resolve("decnet.db");
        state = StateFiles.write(dir.resolve("decnet-state.json"), "decky-01:ssh", "decky-02:http");
        events = dir.resolve("events.jsonl");
        port = freePort();
        run = CompletableFuture.supplyAsync(() -> Cli.run(Map.of(), signal::set, "reconcile", "--interval", "3600",
                "--state", state.toString(), "--db", "jdbc:sqlite:" + db, "--events", events.toString(),
                "--docker-host", "unix://" + dir.resolve("no-docker.sock"), "--health-port", String.valueOf(port)));
        awaitPasses(1);
        assertThat(FleetTable.states(db, "local")).containsOnlyKeys("decky-01", "decky-02");
        assertThat(eventLines()).hasSize(2).allSatisfy(line -> assertThat(line).contains("\"inserted\""));
    }

    @AfterEach
    void stopWorker() throws Exception {
        if (signal.get() != null) {
            signal.get().run();
        }
        Cli.Result result = run.get(60, TimeUnit.SECONDS);
        assertThat(result.code()).as(result.toString()).isZero();
    }

    @Test
    void vimsDefaultSaveRenameAwayThenWriteANewFileDeletesNothing() throws Exception {
        Path backup = dir.resolve("decnet-state.json~");
        int before = passes();

        Files.move(state, backup);
        Thread.sleep(150); // the watcher's pass starts in this gap, as it did when vim wrote a big file
        Files.copy(backup, state);

        assertNothingDeletedAfterTriggeredPasses(before);
    }

    @Test
    void anAtomicReplaceDeletesNothing() throws Exception {
        Path temp = dir.resolve(".decnet-state.json.tmp");
        Files.copy(state, temp);
        int before = passes();

        Files.move(temp, state, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        assertNothingDeletedAfterTriggeredPasses(before);
    }

    @Test
    void aDeleteThenRecreateWithinTheSettleTimeDeletesNothing() throws Exception {
        String content = Files.readString(state);
        int before = passes();

        Files.delete(state);
        Thread.sleep(300); // a slow tool, still well inside the 1 s settle time
        Files.writeString(state, content);

        assertNothingDeletedAfterTriggeredPasses(before);
    }

    @Test
    void aRealTeardownTheFileStaysGoneDeletesThisHostsRowsAfterTheSettleTime() throws Exception {
        Files.delete(state);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!FleetTable.states(db, "local").isEmpty()) {
            assertThat(System.nanoTime()).as("rows deleted after a real teardown").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(eventLines()).hasSize(4).filteredOn(line -> line.contains("\"deleted\"")).hasSize(2);
    }

    /** Waits for the watcher's passes to happen and settle, then checks that no row and no event changed. */
    private void assertNothingDeletedAfterTriggeredPasses(int before) throws Exception {
        awaitPasses(before + 1);
        // Let any pass still in its settle time finish, and any burst of events be coalesced and run.
        Thread.sleep(2_500);
        int after = passes();
        Thread.sleep(1_500);
        assertThat(passes()).as("passes have settled").isEqualTo(after);
        assertThat(FleetTable.states(db, "local")).containsOnlyKeys("decky-01", "decky-02");
        assertThat(eventLines()).as("no deleted or re-inserted event").hasSize(2);
    }

    private List<String> eventLines() throws IOException {
        return Files.exists(events) ? Files.readAllLines(events) : List.of();
    }

    private void awaitPasses(int atLeast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            if (run.isDone()) {
                throw new AssertionError("the command ended early: " + run.get());
            }
            try {
                if (passes() >= atLeast) {
                    return;
                }
            } catch (ConnectException notYet) {
                // the server is starting
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + atLeast + " passes within 30 s");
            }
            Thread.sleep(50);
        }
    }

    private int passes() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = PASSES.matcher(r.body());
        return m.find() ? (int) Double.parseDouble(m.group(1)) : 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
