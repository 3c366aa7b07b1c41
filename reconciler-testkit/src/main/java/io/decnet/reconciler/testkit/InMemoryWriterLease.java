package io.decnet.reconciler.testkit;

import io.decnet.reconciler.api.HostUuids;
import io.decnet.reconciler.api.LeaseAttempt;
import io.decnet.reconciler.api.WriterLease;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link WriterLease} in memory, for tests of code that takes the lease: {@link #create()} is one "database",
 * and {@link #instance(String)} gives each simulated reconciler its own view of it, as two processes would have.
 * {@link #unavailable(String)} makes every attempt answer {@link LeaseAttempt.Unavailable}.
 *
 * <pre>{@code
 * InMemoryWriterLease leases = InMemoryWriterLease.create();
 * WriterLease first = leases.instance("worker-a");
 * WriterLease second = leases.instance("worker-b");
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class InMemoryWriterLease {
    private final Map<String, String> holders = new HashMap<>();
    private String unavailable;

    private InMemoryWriterLease() {
    }

    public static InMemoryWriterLease create() {
        return new InMemoryWriterLease();
    }

    /** A lease as reconciler {@code owner} sees it; its {@link LeaseAttempt.Busy#holder()} names the owner. */
    public WriterLease instance(String owner) {
        Objects.requireNonNull(owner, "owner");
        return host -> tryAcquire(owner, host);
    }

    /** From now on every attempt is {@link LeaseAttempt.Unavailable} with {@code reason}; {@code null} heals. */
    public synchronized InMemoryWriterLease unavailable(String reason) {
        this.unavailable = reason;
        return this;
    }

    /** Who holds the lease of {@code hostUuid}, or {@code null}. */
    public synchronized String holder(String hostUuid) {
        return holders.get(hostUuid);
    }

    private synchronized LeaseAttempt tryAcquire(String owner, String host) {
        HostUuids.require(host, h -> "hostUuid must not be blank; got " + Json.write(h));
        if (unavailable != null) {
            return new LeaseAttempt.Unavailable(host, unavailable);
        }
        String holder = holders.get(host);
        if (holder != null) {
            return new LeaseAttempt.Busy(host, holder);
        }
        holders.put(host, owner);
        return new LeaseAttempt.Held(host, () -> release(host, owner));
    }

    private synchronized void release(String host, String owner) {
        holders.remove(host, owner);
    }
}
