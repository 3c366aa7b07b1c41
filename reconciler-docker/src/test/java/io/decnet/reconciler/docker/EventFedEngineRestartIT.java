package io.decnet.reconciler.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.api.RuntimeObservation;
import io.decnet.reconciler.docker.support.DockerCli;
import io.decnet.reconciler.docker.support.PrivateEngine;
import io.decnet.reconciler.docker.support.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event-fed inspector when its engine dies and comes back: a private dockerd of this test's own (see
 * {@link PrivateEngine}), killed and started again while the shared engine stays up.
 */
class EventFedEngineRestartIT {
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private static PrivateEngine engine;
    private static String host;

    @BeforeAll
    static void startPrivateEngine() throws Exception {
        TestEngine.dockerHost(); // the machine has what engines need (fails in CI, skips locally otherwise)
        engine = new PrivateEngine(Path.of("target", "pe-events"));
        engine.script("start");
        host = engine.host();
    }

    @AfterAll
    static void stopPrivateEngine() throws Exception {
        if (engine != null) {
            engine.script("stop");
        }
    }

    @Test
    void whileTheEngineIsDownObserveReportsItUnreachableAndAfterItsRestartTheViewIsRebuiltAndFollowsEventsAgain()
            throws Exception {
        DockerCli docker = new DockerCli(host, TestEngine.image());
        try (DockerRuntimeInspector watching = DockerRuntimeInspector.builder().dockerHost(host).watchEvents(true)
                .reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)).build();
                DockerRuntimeInspector polling = DockerRuntimeInspector.builder().dockerHost(host).build()) {
            docker.running("decky-restart-ssh");
            await("the view shows the container", () -> status(watching).trustworthy()
                    && ContainerStatus.RUNNING.equals(observed(watching).get("decky-restart-ssh")));

            killEngine();

            await("the view is no longer trusted", () -> !status(watching).trustworthy() && !status(watching)
                    .connected());
            RuntimeObservation whileDown = watching.observe();
            assertThat(whileDown).as("never the old view presented as observed")
                    .isInstanceOf(RuntimeObservation.Unreachable.class);
            assertThat(((RuntimeObservation.Unreachable) whileDown).reason()).contains("connection refused");
            assertThat(status(watching).fallbacks()).isPositive();

            engine.script("start"); // recovers from the killed run: stale pid file and socket

            await("the view is rebuilt and matches a fresh list", () -> status(watching).trustworthy()
                    && observed(watching).equals(observed(polling)));
            assertThat(status(watching).reconnects()).isPositive();
            docker.running("decky-restart-http");
            await("events flow again", () -> status(watching).trustworthy()
                    && ContainerStatus.RUNNING.equals(observed(watching).get("decky-restart-http")));
            assertThat(observed(watching)).isEqualTo(observed(polling));
        } finally {
            docker.removeAllMade();
        }
    }

    private static void killEngine() throws Exception {
        long pid = Long.parseLong(Files.readString(engine.servicesDir().resolve("docker/docker.pid")).strip());
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
    }

    private static EventCacheStatus status(DockerRuntimeInspector inspector) {
        return inspector.cacheStatus().orElseThrow();
    }

    private static Map<String, ContainerStatus> observed(DockerRuntimeInspector inspector) {
        RuntimeObservation seen = inspector.observe();
        return seen instanceof RuntimeObservation.Observed o ? o.containers() : Map.of("<unreachable>",
                ContainerStatus.of(((RuntimeObservation.Unreachable) seen).reason()));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + SETTLE);
            }
            Thread.sleep(20);
        }
    }
}
