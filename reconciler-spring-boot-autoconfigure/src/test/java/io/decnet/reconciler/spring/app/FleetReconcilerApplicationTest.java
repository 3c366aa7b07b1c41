package io.decnet.reconciler.spring.app;

import static io.decnet.reconciler.testkit.Deckies.decky;
import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.FleetStore;
import io.decnet.reconciler.core.worker.ReconcileWorker;
import io.decnet.reconciler.core.worker.WorkerStatus;
import io.decnet.reconciler.testkit.Deckies;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole Spring Boot application, started as {@code SpringApplication.run} starts one, with every auto-configuration
 * on the class path (Actuator's health and metrics among them) and only {@code fleet.reconciler.*} properties:
 * the reconciler is found by the auto-configuration imports file, reconciles into SQLite, and shows in the health
 * registry and the meter registry. The application sits in a package of its own, as an application's does: it
 * must not component-scan the auto-configuration's package.
 */
@SpringBootTest(classes = FleetReconcilerApplicationTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"fleet.reconciler.interval=1h", "fleet.reconciler.host-uuid=local"})
class FleetReconcilerApplicationTest {
    @TempDir
    static Path dir;

    @Autowired
    ReconcileWorker worker;
    @Autowired
    FleetStore store;
    @Autowired
    MeterRegistry meters;
    @Autowired
    HealthContributorRegistry health;

    @SpringBootApplication
    static class App {
    }

    @DynamicPropertySource
    static void aStateFileAndASqliteDatabaseInATemporaryDirectory(DynamicPropertyRegistry properties) {
        try {
            Files.writeString(dir.resolve("decnet-state.json"), Deckies.stateFileJson(List.of(
                    decky("web-01").build(), decky("web-02").build(), decky("mail-01").services("smtp").build())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.add("fleet.reconciler.state-file", () -> dir.resolve("decnet-state.json").toString());
        properties.add("fleet.reconciler.db.url", () -> "jdbc:sqlite:" + dir.resolve("decnet.db"));
        properties.add("fleet.reconciler.docker.host", () -> "unix://" + dir.resolve("no-docker.sock"));
    }

    @Test
    void theApplicationReconcilesAndReportsItsHealthAndMetrics() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (worker.status().passes() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertThat(worker.status().state()).isEqualTo(WorkerStatus.State.RUNNING);
        assertThat(store.read("local")).hasSize(3);
        HealthIndicator indicator = (HealthIndicator) health.getContributor("fleetReconciler");
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        assertThat(meters.get("fleet.reconciler.changes").tag("kind", "insert").functionCounter().count())
                .isEqualTo(3);
        assertThat(meters.get("fleet.reconciler.docker.usable").gauge().value()).isZero();
        assertThat(meters.get("fleet.reconciler.build.info").gauge().value()).isEqualTo(1);
    }
}
