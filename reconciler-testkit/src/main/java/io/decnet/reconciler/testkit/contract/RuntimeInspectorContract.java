package io.decnet.reconciler.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.api.RuntimeInspector;
import io.decnet.reconciler.api.RuntimeObservation;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of {@link RuntimeInspector}: every implementation's test extends this class and makes real
 * containers in the states asked for.
 *
 * <pre>{@code
 * class DockerRuntimeInspectorIT extends RuntimeInspectorContract {
 *     @Override protected void givenContainer(String name, ContainerStatus status) { ...create, start, stop... }
 *     @Override protected RuntimeInspector inspector() { return DockerRuntimeInspector.create(dockerHost); }
 *     @Override protected RuntimeInspector unreachableInspector() {
 *         return DockerRuntimeInspector.create("unix:///nonexistent.sock");
 *     }
 *     @Override protected boolean supportsPaused() { return true; }
 * }
 * }</pre>
 *
 * <p>A real engine may run other containers, so the tests only assert on the containers they asked for, each
 * named through {@link #uniqueName(String)}. Removing those containers afterwards is the subclass's job (e.g. in
 * {@code @AfterEach}).
 *
 * <p>The tests come in named parts, {@code @Nested} inner classes that JUnit runs for every subclass: container
 * statuses, container names and an unreachable runtime.
 *
 * <p>Not thread-safe; JUnit runs each test on one instance.
 */
public abstract class RuntimeInspectorContract {

    /**
     * Makes a container named exactly {@code name} in the Docker state {@code status}. Every implementation
     * supports {@link ContainerStatus#RUNNING}, {@link ContainerStatus#EXITED} and {@link ContainerStatus#CREATED};
     * {@link ContainerStatus#PAUSED} only when {@link #supportsPaused()}.
     */
    protected abstract void givenContainer(String name, ContainerStatus status);

    /** The inspector under test, seeing the containers made by {@link #givenContainer}. */
    protected abstract RuntimeInspector inspector();

    /** An inspector of the same kind pointed at a runtime that cannot be reached (a socket that does not exist). */
    protected abstract RuntimeInspector unreachableInspector();

    /** Whether {@link #givenContainer} can make a {@code paused} container; false by default. */
    protected boolean supportsPaused() {
        return false;
    }

    /**
     * A container name no other test uses: {@code base}, a dash and eight random hex digits. Valid for Docker
     * when {@code base} is (letters, digits, {@code _.-}, starting with a letter or digit).
     */
    protected String uniqueName(String base) {
        return base + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    @Nested
    @DisplayName("container statuses")
    class ContainerStatuses {
        @Test
        void aRunningContainerIsObservedByItsExactNameAsRunning() {
            String name = uniqueName("fleet-ct-run");
            givenContainer(name, ContainerStatus.RUNNING);

            Map<String, ContainerStatus> seen = observed(inspector());

            assertThat(seen).containsEntry(name, ContainerStatus.RUNNING).doesNotContainKey("/" + name);
            assertThat(seen.get(name).isRunning()).isTrue();
        }

        @ParameterizedTest(name = "a {0} container is included and is not running")
        @ValueSource(strings = {"exited", "created", "paused"})
        void aContainerThatIsNotRunningIsIncludedWithItsStatus(String state) {
            ContainerStatus status = ContainerStatus.of(state);
            if (status.equals(ContainerStatus.PAUSED)) {
                assumeThat(supportsPaused()).as("this runtime's harness can pause containers").isTrue();
            }
            String name = uniqueName("fleet-ct-" + state);
            givenContainer(name, status);

            Map<String, ContainerStatus> seen = observed(inspector());

            assertThat(seen).containsEntry(name, status);
            assertThat(seen.get(name).isRunning()).isFalse();
        }

        @Test
        void theContainersOfADeckyInDifferentStatesAreSeenInOneObservation() {
            String decky = uniqueName("fleet-ct-decky");
            givenContainer(decky + "-ssh", ContainerStatus.RUNNING);
            givenContainer(decky + "-smtp-relay", ContainerStatus.EXITED);

            Map<String, ContainerStatus> seen = observed(inspector());

            assertThat(seen).containsEntry(decky + "-ssh", ContainerStatus.RUNNING)
                    .containsEntry(decky + "-smtp-relay", ContainerStatus.EXITED);
        }

        @Test
        void observingTwiceSeesTheSameContainersInTheSameStates() {
            String running = uniqueName("fleet-ct-again-run");
            String exited = uniqueName("fleet-ct-again-exited");
            givenContainer(running, ContainerStatus.RUNNING);
            givenContainer(exited, ContainerStatus.EXITED);
            RuntimeInspector inspector = inspector();

            Map<String, ContainerStatus> first = observed(inspector);
            Map<String, ContainerStatus> second = observed(inspector);

            assertThat(first).containsEntry(running, ContainerStatus.RUNNING)
                    .containsEntry(exited, ContainerStatus.EXITED);
            assertThat(second).containsEntry(running, ContainerStatus.RUNNING)
                    .containsEntry(exited, ContainerStatus.EXITED);
        }
    }

    @Nested
    @DisplayName("container names")
    class ContainerNames {
        @Test
        void noObservedNameStartsWithASlashOrIsBlank() {
            givenContainer(uniqueName("fleet-ct-slash"), ContainerStatus.RUNNING);

            assertThat(observed(inspector()).keySet()).isNotEmpty()
                    .allSatisfy(name -> assertThat(name).isNotBlank().doesNotStartWith("/"));
        }

        @Test
        void aContainerThatWasNeverMadeIsNotObserved() {
            givenContainer(uniqueName("fleet-ct-present"), ContainerStatus.RUNNING);

            assertThat(observed(inspector())).doesNotContainKey(uniqueName("fleet-ct-absent"));
        }
    }

    @Nested
    @DisplayName("an unreachable runtime")
    class UnreachableRuntime {
        @Test
        void anUnreachableRuntimeIsReportedAsUnreachableWithAReasonInsteadOfThrowing() {
            RuntimeObservation observation = unreachableInspector().observe();

            assertThat(observation).isInstanceOf(RuntimeObservation.Unreachable.class);
            assertThat(((RuntimeObservation.Unreachable) observation).reason()).isNotBlank();
            assertThat(unreachableInspector().observe()).as("a second observation").isInstanceOf(
                    RuntimeObservation.Unreachable.class);
        }
    }

    /** The containers {@code inspector} observes, failing the test when it reports the runtime unreachable. */
    protected static Map<String, ContainerStatus> observed(RuntimeInspector inspector) {
        RuntimeObservation observation = inspector.observe();
        assertThat(observation).as("observation of a reachable runtime")
                .isInstanceOf(RuntimeObservation.Observed.class);
        return ((RuntimeObservation.Observed) observation).containers();
    }
}
