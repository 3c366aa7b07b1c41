/**
 * The long-lived worker, for hosts without a scheduler of their own: {@link
 * io.decnet.reconciler.core.worker.ReconcileWorker} runs a {@link io.decnet.reconciler.core.worker.ReconcilePass}
 * at start and every interval, with backoff, jitter, a pass deadline, {@code trigger()}, heartbeats and a bounded
 * {@code close()}. Time and threads are injected; the testkit's {@code io.decnet.reconciler.testkit.time} drives it
 * in tests without sleeping.
 */
package io.decnet.reconciler.core.worker;
