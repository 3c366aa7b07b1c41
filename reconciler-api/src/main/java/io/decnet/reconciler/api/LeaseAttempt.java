package io.decnet.reconciler.api;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/** What {@link WriterLease#tryAcquire} got: the lease, someone else holding it, or no answer. */
public sealed interface LeaseAttempt {

    /**
     * The lease is this caller's until {@link #close()} (idempotent). Thread-safe.
     */
    final class Held implements LeaseAttempt, AutoCloseable {
        private final String hostUuid;
        private final Runnable release;
        private final AtomicBoolean released = new AtomicBoolean();

        /**
         * @param hostUuid the host whose lease is held
         * @param release gives the lease back; called once, by the first {@link #close()}
         */
        public Held(String hostUuid, Runnable release) {
            this.hostUuid = Objects.requireNonNull(hostUuid, "hostUuid");
            this.release = Objects.requireNonNull(release, "release");
        }

        public String hostUuid() {
            return hostUuid;
        }

        /** Gives the lease back. */
        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release.run();
            }
        }

        @Override
        public String toString() {
            return "Held[" + hostUuid + (released.get() ? ", released]" : "]");
        }
    }

    /**
     * Another reconciler holds the lease.
     *
     * @param hostUuid the host
     * @param holder who holds it, as far as the store can tell (e.g. {@code "web-3:4711"}, {@code "another
     *     session"})
     */
    record Busy(String hostUuid, String holder) implements LeaseAttempt {
        public Busy {
            Objects.requireNonNull(hostUuid, "hostUuid");
            Objects.requireNonNull(holder, "holder");
        }
    }

    /**
     * The lease could not be asked for (the database is down, say). A caller usually runs the pass anyway: it
     * reports the store's trouble itself, and writes nothing if the store cannot be written.
     *
     * @param hostUuid the host
     * @param reason why
     */
    record Unavailable(String hostUuid, String reason) implements LeaseAttempt {
        public Unavailable {
            Objects.requireNonNull(hostUuid, "hostUuid");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
