package io.decnet.reconciler.spring;

import static io.decnet.reconciler.testkit.Deckies.decky;
import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.FleetStore;
import io.decnet.reconciler.api.RuntimeInspector;
import io.decnet.reconciler.api.StateSource;
import io.decnet.reconciler.core.worker.ReconcileWorker;
import io.decnet.reconciler.core.worker.WorkerStatus;
import io.decnet.reconciler.docker.DockerRuntimeInspector;
import io.decnet.reconciler.jdbi.JdbiFleetStore;
import io.decnet.reconciler.micrometer.ReconcilerMetrics;
import io.decnet.reconciler.testkit.Deckies;
import io.decnet.reconciler.testkit.InMemoryFleetStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The auto-configuration in an application context against real SQLite in a temporary directory and a state file
 * there, with Docker unreachable (a socket that does not exist): the pass inserts the rows and reports Docker
 * skipped, and the health and the metrics say so.
 */
class FleetReconcilerAutoConfigurationTest {
    @TempDir
    Path dir;
    private ApplicationContextRunner runner;

    @BeforeEach
    void aStateFileAndASqliteDatabase() throws IOException {
        Files.writeString(dir.resolve("decnet-state.json"),
                Deckies.stateFileJson(List.of(decky("web-01").build(), decky("mail-01").services("smtp").build())));
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FleetReconcilerAutoConfiguration.class))
                .withPropertyValues(
                        "fleet.reconciler.state-file=" + dir.resolve("decnet-state.json"),
                        "fleet.reconciler.db.url=jdbc:sqlite:" + dir.resolve("decnet.db"),
                        "fleet.reconciler.docker.host=unix://" + dir.resolve("no-docker.sock"),
                        "fleet.reconciler.host-uuid=host-a",
                        "fleet.reconciler.interval=1h");
    }

    @Test
    void theAdaptersAreBuiltFromThePropertiesAndTheWorkerRunsAPassWhenTheContextStarts() {
        runner.run(context -> {
            assertThat(context).hasNotFailed()
                    .hasSingleBean(StateSource.class).hasSingleBean(ReconcileWorkerLifecycle.class);
            assertThat(context.getBean(FleetStore.class)).isInstanceOf(JdbiFleetStore.class);
            assertThat(context.getBean(RuntimeInspector.class)).isInstanceOf(DockerRuntimeInspector.class);

            WorkerStatus status = firstPass(context);

            assertThat(status.state()).isEqualTo(WorkerStatus.State.RUNNING);
            assertThat(status.lastOutcome().succeeded()).as(status.lastOutcome().summary()).isTrue();
            assertThat(context.getBean(FleetStore.class).read("host-a")).extracting(r -> r.name())
                    .containsExactlyInAnyOrder("web-01", "mail-01");
            assertThat(status.lastOutcome().report().runtime().usable()).as("docker").isFalse();
        });
    }

    @Test
    void theHealthIsUpAndSaysDockerWasUnusable() {
        runner.run(context -> {
            firstPass(context);

            Health health = context.getBean(FleetReconcilerHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("state", "running").containsEntry("passes", 1L);
            assertThat((String) health.getDetails().get("docker")).startsWith("unusable (");
            assertThat((String) health.getDetails().get("stateFile")).startsWith("usable (");
        });
    }

    @Test
    void theHealthIsUnknownBeforeTheFirstPassAndOutOfServiceOnceTheWorkerStopped() {
        runner.run(context -> {
            ReconcileWorker worker = context.getBean(ReconcileWorker.class);
            FleetReconcilerHealthIndicator indicator = context.getBean(FleetReconcilerHealthIndicator.class);
            firstPass(context);

            context.getBean(ReconcileWorkerLifecycle.class).stop();

            assertThat(worker.status().state()).isEqualTo(WorkerStatus.State.STOPPED);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        });
        assertThat(new FleetReconcilerHealthIndicator(() -> new WorkerStatus("w", java.time.Instant.EPOCH,
                WorkerStatus.State.RUNNING, null, 0, 0, 0, null, null, null), Duration.ofSeconds(30), null)
                .health().getStatus()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void withAMeterRegistryThePassMetricsAreBoundAndShowTheSkippedDocker() {
        runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
                .run(context -> {
                    firstPass(context);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);

                    assertThat(registry.get("fleet.reconciler.changes").tags("kind", "insert", "host", "host-a")
                            .functionCounter().count()).isEqualTo(2);
                    assertThat(registry.get("fleet.reconciler.skips").tag("reason", "runtime_unreachable")
                            .functionCounter().count()).isEqualTo(1);
                    assertThat(registry.get("fleet.reconciler.docker.usable").gauge().value()).isZero();
                    assertThat(registry.get("fleet.reconciler.pass.duration").timer().count()).isEqualTo(1);
                });
    }

    @Test
    void withoutAMeterRegistryThereAreNoMetrics() {
        runner.run(context -> assertThat(context).doesNotHaveBean(ReconcilerMetrics.class));
    }

    @Test
    void theApplicationsOwnBeansWin() {
        runner.withUserConfiguration(OwnStore.class).run(context -> {
            assertThat(context.getBean(FleetStore.class)).isInstanceOf(InMemoryFleetStore.class);
            firstPass(context);
            assertThat(((InMemoryFleetStore) context.getBean(FleetStore.class)).rows("host-a")).hasSize(2);
            assertThat(dir.resolve("decnet.db")).doesNotExist();
        });
    }

    @Test
    void disabledItAddsNothing() {
        runner.withPropertyValues("fleet.reconciler.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(ReconcileWorker.class).doesNotHaveBean(FleetStore.class)
                .doesNotHaveBean(FleetReconcilerProperties.class));
    }

    @Test
    void aBlankHostUuidFailsTheStartWithAMessageThatNamesIt() {
        runner.withPropertyValues("fleet.reconciler.host-uuid= ").run(context -> assertThat(context)
                .hasFailed().getFailure().rootCause().hasMessageContaining("host"));
    }

    private static WorkerStatus firstPass(AssertableApplicationContext context) throws InterruptedException {
        ReconcileWorker worker = context.getBean(ReconcileWorker.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (worker.status().passes() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(worker.status().passes()).as("passes after 30 s").isEqualTo(1);
        return worker.status();
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStore {
        @Bean
        FleetStore fleetStore() {
            return InMemoryFleetStore.create();
        }
    }
}
