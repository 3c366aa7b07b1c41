package io.decnet.reconciler.api;

/**
 * Port: the one-writer-per-host lease (SPEC §5). Two reconcilers of one {@code host_uuid} — two processes, or two
 * machines on one database — must not run passes at the same time: each takes the lease before a pass reads and
 * gives it back after the pass applied, so their passes run one after the other and neither plans from rows the
 * other is about to change.
 *
 * <pre>{@code
 * LeaseAttempt attempt = lease.tryAcquire("local");
 * if (attempt instanceof LeaseAttempt.Held held) {
 *     try (held) {
 *         report = reconciler.reconcileOnce(state, store, docker, "local");
 *     }
 * } else if (attempt instanceof LeaseAttempt.Busy busy) {
 *     log.info("another reconciler is applying a pass for host local ({}); next time", busy.holder());
 * } else {
 *     report = reconciler.reconcileOnce(...);   // Unavailable: the store is down, and the pass reports it
 * }
 * }</pre>
 *
 * <p>A lease held in the database itself is released by the database when its holder dies (its connection or, for
 * SQLite, its file lock goes with the process), so a killed reconciler never blocks the others. Implementations
 * must be thread-safe and must not throw for trouble with the database: that is {@link LeaseAttempt.Unavailable}.
 */
@FunctionalInterface
public interface WriterLease {

    /** A lease that is always free: for a host that runs one reconciler, and for tests. */
    WriterLease NONE = host -> new LeaseAttempt.Held(host, () -> { });

    /** Tries to take the lease of {@code hostUuid} at once, without waiting. */
    LeaseAttempt tryAcquire(String hostUuid);
}
