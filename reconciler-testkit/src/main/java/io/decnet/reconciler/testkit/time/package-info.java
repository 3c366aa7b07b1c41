/**
 * Time that moves only when the test moves it: {@link io.decnet.reconciler.testkit.time.ManualClock} (a
 * {@link java.time.Clock}) and {@link io.decnet.reconciler.testkit.time.ManualScheduler} (a
 * {@link java.util.concurrent.ScheduledExecutorService} that runs due tasks synchronously inside
 * {@code advance(..)} and {@code runDue()}), for code that takes both, such as the reconcile worker.
 */
package io.decnet.reconciler.testkit.time;
