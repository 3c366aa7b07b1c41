package io.decnet.reconciler.spring;

import io.decnet.reconciler.api.FleetEventListener;
import io.decnet.reconciler.api.FleetStore;
import io.decnet.reconciler.api.HostUuids;
import io.decnet.reconciler.api.RuntimeInspector;
import io.decnet.reconciler.api.StateSource;
import io.decnet.reconciler.api.WriterLease;
import io.decnet.reconciler.core.Reconciler;
import io.decnet.reconciler.core.statefile.StateFileSource;
import io.decnet.reconciler.core.worker.LeasedPass;
import io.decnet.reconciler.core.worker.PassListener;
import io.decnet.reconciler.core.worker.ReconcileWorker;
import io.decnet.reconciler.docker.DockerRuntimeInspector;
import io.decnet.reconciler.jdbi.JdbiFleetStore;
import io.decnet.reconciler.micrometer.ReconcilerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reconciles this host's fleet while the application runs: the three adapters (the state file, the
 * {@code fleet_deckies} table over JDBI, Docker) built from {@link FleetReconcilerProperties}, a
 * {@link ReconcileWorker} started and stopped with the context, a health indicator ({@code fleetReconciler}) when
 * Actuator is there, and {@link ReconcilerMetrics} when a {@link MeterRegistry} is. Every bean backs off when the
 * application defines its own of that type, e.g. a {@link FleetStore} on the application's {@code DataSource}:
 *
 * <pre>{@code
 * @Bean
 * JdbiFleetStore fleetStore(DataSource dataSource) {
 *     return JdbiFleetStore.create(dataSource);
 * }
 * }</pre>
 *
 * <p>Each pass takes the host's writer lease (a {@link JdbiFleetStore}'s, in the database) so that two instances of
 * the application never run passes for one host at once; the one that does not get it stands by. Beans of type
 * {@link FleetEventListener} receive the committed changes, beans of type {@link PassListener} each pass's outcome.
 * {@code fleet.reconciler.enabled=false} turns all of it off.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnProperty(prefix = "fleet.reconciler", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(FleetReconcilerProperties.class)
public class FleetReconcilerAutoConfiguration {

    /** The state file. */
    @Bean
    @ConditionalOnMissingBean
    public StateSource fleetReconcilerStateSource(FleetReconcilerProperties properties) {
        return StateFileSource.of(properties.getStateFile());
    }

    /** The table, over JDBI; created if absent, closed with the context. */
    @Bean
    @ConditionalOnMissingBean
    public FleetStore fleetReconcilerFleetStore(FleetReconcilerProperties properties) {
        return JdbiFleetStore.builder().jdbcUrl(properties.getDb().getUrl()).tableName(properties.getDb().getTable())
                .build();
    }

    /** Docker, from fleet.reconciler.docker.host or the environment; closed with the context. */
    @Bean
    @ConditionalOnMissingBean
    public RuntimeInspector fleetReconcilerRuntimeInspector(FleetReconcilerProperties properties) {
        DockerRuntimeInspector.Builder docker = DockerRuntimeInspector.builder().environment(System.getenv());
        if (properties.getDocker().getHost() != null && !properties.getDocker().getHost().isBlank()) {
            docker.dockerHost(properties.getDocker().getHost());
        }
        return docker.build();
    }

    /** The store's one-writer-per-host lease; none for a store that has no lease. */
    @Bean
    @ConditionalOnMissingBean
    public WriterLease fleetReconcilerWriterLease(FleetStore store) {
        return store instanceof JdbiFleetStore jdbi ? jdbi.writerLease() : WriterLease.NONE;
    }

    /** The reconciler, telling the application's {@link FleetEventListener} beans what it committed. */
    @Bean
    @ConditionalOnMissingBean
    public Reconciler fleetReconciler(ObjectProvider<FleetEventListener> listeners) {
        List<FleetEventListener> all = listeners.orderedStream().toList();
        return Reconciler.builder().listener(event -> all.forEach(l -> l.onEvent(event))).build();
    }

    /** The worker: a pass at start, then one every interval, each under the writer lease. */
    @Bean
    @ConditionalOnMissingBean
    public ReconcileWorker fleetReconcileWorker(FleetReconcilerProperties properties, Reconciler reconciler,
            StateSource state, FleetStore store, RuntimeInspector runtime, WriterLease lease,
            ObjectProvider<PassListener> passListeners) {
        String host = HostUuids.require(properties.getHostUuid());
        List<PassListener> listeners = passListeners.orderedStream().toList();
        LeasedPass leased = new LeasedPass(lease, host);
        return ReconcileWorker.builder()
                .name("fleet-reconciler")
                .pass(leased.pass(() -> reconciler.reconcileOnce(state, store, runtime, host), Clock.systemUTC()))
                .interval(properties.getInterval())
                .passDeadline(properties.getPassDeadline())
                .passListener(outcome -> listeners.forEach(l -> l.onPass(outcome)))
                .build();
    }

    /** Starts the worker when the context has started, stops it (the pass in flight finishes) when it closes. */
    @Bean
    @ConditionalOnMissingBean
    public ReconcileWorkerLifecycle fleetReconcileWorkerLifecycle(ReconcileWorker worker) {
        return new ReconcileWorkerLifecycle(worker);
    }

    /** The pass metrics, bound by Spring Boot to its registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({MeterRegistry.class, ReconcilerMetrics.class})
    @ConditionalOnBean(MeterRegistry.class)
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ReconcilerMetrics fleetReconcilerMetrics(FleetReconcilerProperties properties) {
            return ReconcilerMetrics.builder().tags(Tags.of("host", properties.getHostUuid())).build();
        }
    }

    /** {@code /actuator/health}'s {@code fleetReconciler}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("fleetReconciler")
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "fleetReconcilerHealthIndicator")
        FleetReconcilerHealthIndicator fleetReconcilerHealthIndicator(ReconcileWorker worker,
                FleetReconcilerProperties properties) {
            return new FleetReconcilerHealthIndicator(worker::status, properties.getInterval(),
                    properties.getDb().getUrl());
        }
    }
}
