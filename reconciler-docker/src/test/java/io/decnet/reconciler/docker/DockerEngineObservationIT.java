package io.decnet.reconciler.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.api.RuntimeObservation;
import io.decnet.reconciler.docker.support.CountingHttpClient;
import io.decnet.reconciler.docker.support.DockerCli;
import io.decnet.reconciler.docker.support.TestEngine;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the real Docker engine of {@code scripts/services/docker.sh}: containers named the DECNET way
 * ({@code <decky>-<service>}) in every state Docker has, observed in one list call.
 */
class DockerEngineObservationIT {
    private static DockerCli docker;
    private static DockerRuntimeInspector inspector;
    private static String run;

    @BeforeAll
    static void engine() {
        docker = TestEngine.cli();
        inspector = DockerRuntimeInspector.builder().dockerHost(TestEngine.dockerHost()).build();
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterAll
    static void cleanUp() {
        if (inspector != null) {
            inspector.close();
        }
        if (docker != null) {
            docker.removeAllMade();
        }
    }

    @Test
    void everyDockerStateOfADeckysContainersIsReportedUnderTheContainersDeckyName() {
        String decky = "decky-" + run + "-a";
        docker.running(decky + "-ssh");
        docker.exited(decky + "-http");
        docker.created(decky + "-ftp");
        docker.paused(decky + "-smtp-relay");
        docker.restarting(decky + "-telnet");

        Map<String, ContainerStatus> seen = observed(inspector);

        assertThat(seen)
                .containsEntry(decky + "-ssh", ContainerStatus.RUNNING)
                .containsEntry(decky + "-http", ContainerStatus.EXITED)
                .containsEntry(decky + "-ftp", ContainerStatus.CREATED)
                .containsEntry(decky + "-smtp-relay", ContainerStatus.PAUSED);
        // A crash-looping container is "restarting" during its back-off and briefly "running" in between.
        assertThat(seen.get(decky + "-telnet")).isIn(ContainerStatus.RESTARTING, ContainerStatus.RUNNING);
        assertThat(seen.keySet()).noneMatch(name -> name.startsWith("/"));
    }

    @Test
    void aKilledContainerIsReportedExitedAndARemovedOneIsGoneFromTheNextObservation() {
        String decky = "decky-" + run + "-b";
        docker.running(decky + "-ssh");
        docker.running(decky + "-http");
        assertThat(observed(inspector)).containsEntry(decky + "-ssh", ContainerStatus.RUNNING)
                .containsEntry(decky + "-http", ContainerStatus.RUNNING);

        docker.kill(decky + "-ssh");
        docker.remove(decky + "-http");

        assertThat(observed(inspector)).containsEntry(decky + "-ssh", ContainerStatus.EXITED)
                .doesNotContainKey(decky + "-http");
    }

    @Test
    void oneObservationIsExactlyOneHttpRequestListingAllContainers() {
        String decky = "decky-" + run + "-c";
        docker.running(decky + "-ssh");
        docker.exited(decky + "-http");
        AtomicReference<CountingHttpClient> counter = new AtomicReference<>();
        try (DockerRuntimeInspector counted = DockerRuntimeInspector.builder().dockerHost(TestEngine.dockerHost())
                .decorateHttpClient(http -> {
                    counter.set(new CountingHttpClient(http));
                    return counter.get();
                }).build()) {
            for (int i = 1; i <= 5; i++) {
                assertThat(observed(counted)).containsKeys(decky + "-ssh", decky + "-http");
                assertThat(counter.get().count()).as("requests after %d observations", i).isEqualTo(i);
            }
            assertThat(counter.get().requests()).allSatisfy(request -> assertThat(request)
                    .startsWith("GET /containers/json?").contains("all=true"));
        }
    }

    @Test
    void aLabelFilterNarrowsTheObservationToTheLabelledContainers() {
        String decky = "decky-" + run + "-d";
        docker.running(decky + "-ssh", "io.decnet.fleet=" + run);
        docker.exited(decky + "-http", "io.decnet.fleet=" + run);
        docker.running("unrelated-" + run);
        try (DockerRuntimeInspector narrowed = DockerRuntimeInspector.builder().dockerHost(TestEngine.dockerHost())
                .labelFilter("io.decnet.fleet", run).build()) {
            assertThat(observed(narrowed)).containsOnlyKeys(decky + "-ssh", decky + "-http")
                    .containsEntry(decky + "-http", ContainerStatus.EXITED);
        }
        assertThat(observed(inspector)).containsKey("unrelated-" + run);
    }

    @Test
    void aLabelFilterOnTheKeyAloneMatchesAnyValue() {
        String key = "io.decnet.run-" + run;
        docker.running("keyed-" + run + "-a", key + "=one");
        docker.created("keyed-" + run + "-b", key + "=two");
        try (DockerRuntimeInspector narrowed = DockerRuntimeInspector.builder().dockerHost(TestEngine.dockerHost())
                .labelFilter(key).build()) {
            assertThat(observed(narrowed)).containsOnlyKeys("keyed-" + run + "-a", "keyed-" + run + "-b");
        }
    }

    @Test
    void theEngineIsReachedThroughTheDockerHostVariableTheWayTheCliReadsIt() {
        String name = "decky-" + run + "-e-ssh";
        docker.running(name);
        try (DockerRuntimeInspector fromEnv = DockerRuntimeInspector.builder()
                .environment(Map.of("DOCKER_HOST", TestEngine.dockerHost())).build()) {
            assertThat(observed(fromEnv)).containsEntry(name, ContainerStatus.RUNNING);
        }
    }

    static Map<String, ContainerStatus> observed(DockerRuntimeInspector inspector) {
        RuntimeObservation observation = inspector.observe();
        assertThat(observation).as("observation of the test engine").isInstanceOf(RuntimeObservation.Observed.class);
        return ((RuntimeObservation.Observed) observation).containers();
    }
}
