package io.decnet.reconciler.testkit;

import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.RuntimeInspector;
import io.decnet.reconciler.api.RuntimeObservation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link RuntimeInspector} whose containers the test sets, and which can be made unreachable or slow.
 *
 * <pre>{@code
 * FakeRuntime docker = FakeRuntime.create()
 *         .running("web-01", "ssh", "smtp_relay")      // web-01-ssh, web-01-smtp-relay
 *         .container("db-01-ssh", ContainerStatus.EXITED);
 * docker.unreachable("connection refused");            // next observe is Unreachable
 * }</pre>
 *
 * <p>{@link #slow(Duration)} makes each {@link #observe()} sleep first, through the {@link Sleeper} given to
 * {@link #create(Sleeper)} ({@link Thread#sleep} by default), so a test of a deadline can sleep for real or
 * record the sleep and move a fake clock instead. An interrupted sleep makes that observation
 * {@link RuntimeObservation.Unreachable} and keeps the thread's interrupt flag set.
 *
 * <p>Thread-safe; the sleep happens outside the fake's lock.
 */
public final class FakeRuntime implements RuntimeInspector {

    /** How a slow observation waits. */
    @FunctionalInterface
    public interface Sleeper {
        /** Waits {@code duration}; throws when interrupted. */
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Sleeper sleeper;
    private final Map<String, ContainerStatus> containers = new LinkedHashMap<>();
    private final AtomicInteger observations = new AtomicInteger();
    private String unreachableReason;
    private Duration delay = Duration.ZERO;

    private FakeRuntime(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    /** A reachable runtime with no containers, sleeping with {@link Thread#sleep} when slow. */
    public static FakeRuntime create() {
        return new FakeRuntime(d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
    }

    /** A reachable runtime with no containers, waiting through {@code sleeper} when slow. */
    public static FakeRuntime create(Sleeper sleeper) {
        return new FakeRuntime(Objects.requireNonNull(sleeper, "sleeper"));
    }

    /** DECNET's name for the container of {@code service} of {@code decky}: {@code <decky>-<service>}, _ → -. */
    public static String containerName(String decky, String service) {
        return DeckySpec.containerName(decky, service);
    }

    /** Adds or replaces the container {@code name} (without a leading {@code /}). */
    public synchronized FakeRuntime container(String name, ContainerStatus status) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("container name must not be blank, got " + Json.write(name));
        }
        if (name.startsWith("/")) {
            throw new IllegalArgumentException("container name '" + name + "' starts with '/': observations "
                    + "carry names without Docker's leading slash; use '" + name.substring(1) + "'");
        }
        containers.put(name, Objects.requireNonNull(status, "status"));
        return this;
    }

    /** Adds or replaces a {@code running} container for each of {@code services} of {@code decky}. */
    public FakeRuntime running(String decky, String... services) {
        return deckyContainers(decky, ContainerStatus.RUNNING, services);
    }

    /** Adds or replaces an {@code exited} container for each of {@code services} of {@code decky}. */
    public FakeRuntime stopped(String decky, String... services) {
        return deckyContainers(decky, ContainerStatus.EXITED, services);
    }

    private synchronized FakeRuntime deckyContainers(String decky, ContainerStatus status, String... services) {
        if (decky == null || decky.isBlank()) {
            throw new IllegalArgumentException("decky name must not be blank, got " + Json.write(decky));
        }
        Objects.requireNonNull(services, "services");
        if (services.length == 0) {
            throw new IllegalArgumentException("name at least one service of decky '" + decky
                    + "'; to give it no containers, just don't add any");
        }
        for (String service : services) {
            if (service == null || service.isBlank()) {
                throw new IllegalArgumentException("services of decky '" + decky + "' must not be blank");
            }
            container(containerName(decky, service), status);
        }
        return this;
    }

    /** Removes the container {@code name}; removing one that is not there is allowed. */
    public synchronized FakeRuntime remove(String name) {
        containers.remove(Objects.requireNonNull(name, "name"));
        return this;
    }

    /** Removes every container. */
    public synchronized FakeRuntime clear() {
        containers.clear();
        return this;
    }

    /** From now on observations are {@link RuntimeObservation.Unreachable} with {@code reason} (not blank). */
    public synchronized FakeRuntime unreachable(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason must say why the runtime is unreachable, got "
                    + Json.write(reason));
        }
        unreachableReason = reason;
        return this;
    }

    /** From now on observations list the containers again. */
    public synchronized FakeRuntime reachable() {
        unreachableReason = null;
        return this;
    }

    /** From now on each observation first waits {@code delay} (zero for no wait). */
    public synchronized FakeRuntime slow(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must be zero or positive, got " + delay);
        }
        this.delay = delay;
        return this;
    }

    /** The containers as they are now (a copy). */
    public synchronized Map<String, ContainerStatus> containers() {
        return Map.copyOf(containers);
    }

    @Override
    public RuntimeObservation observe() {
        observations.incrementAndGet();
        Duration wait;
        synchronized (this) {
            wait = delay;
        }
        if (!wait.isZero()) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return RuntimeObservation.unreachable("interrupted while waiting " + wait + " (FakeRuntime.slow)");
            }
        }
        synchronized (this) {
            if (unreachableReason != null) {
                return RuntimeObservation.unreachable(unreachableReason);
            }
            return RuntimeObservation.observed(containers);
        }
    }

    /** How many times {@link #observe()} was called. */
    public int observeCount() {
        return observations.get();
    }
}
