package io.decnet.reconciler.core.worker;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the worker's tasks run: the caller's scheduler and executor, or a two-thread scheduler of its own (one runs
 * a pass, the other keeps time: ticks, deadlines, heartbeats). Only what it created is shut down. Thread-safe.
 */
final class WorkerThreads {
    private static final Logger log = LoggerFactory.getLogger(ReconcileWorker.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(1);

    private final String name;
    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService owned;
    private final Executor passExecutor;

    /**
     * @param scheduler the caller's scheduler, or {@code null} for one of the worker's own
     * @param passExecutor the caller's executor for passes, or {@code null} for the scheduler
     * @param threadFactory makes the threads of the worker's own scheduler, or {@code null} for daemon threads
     *     named {@code fleet-reconciler-<name>-<n>}
     */
    WorkerThreads(String name, ScheduledExecutorService scheduler, Executor passExecutor,
            ThreadFactory threadFactory) {
        this.name = name;
        if (scheduler != null) {
            this.scheduler = scheduler;
            this.owned = null;
        } else {
            ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(2,
                    threadFactory != null ? threadFactory : daemonThreads(name));
            own.setRemoveOnCancelPolicy(true);
            own.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            own.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
            this.scheduler = own;
            this.owned = own;
        }
        this.passExecutor = passExecutor != null ? passExecutor : this.scheduler;
    }

    /** @throws RejectedExecutionException if the scheduler is shut down */
    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Schedules {@code task}, or returns {@code null} if the scheduler is shutting down. */
    ScheduledFuture<?> scheduleIfRunning(Runnable task, Duration delay) {
        try {
            return schedule(task, delay);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration every) {
        return scheduler.scheduleAtFixedRate(task, 0, every.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** @throws RejectedExecutionException if the executor refuses the pass */
    void runPass(Runnable pass) {
        passExecutor.execute(pass);
    }

    static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    /**
     * Shuts down the worker's own scheduler (not the caller's), waiting until {@code deadlineNanos} (a
     * {@link System#nanoTime()} value), then interrupting a pass still stuck as the last resort.
     *
     * @return whether the calling thread was interrupted while waiting
     */
    boolean shutDown(long deadlineNanos, boolean alreadyInterrupted) {
        if (owned == null) {
            return false;
        }
        owned.shutdown();
        try {
            long left = alreadyInterrupted ? 0 : Math.max(0, deadlineNanos - System.nanoTime());
            if (!owned.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                owned.shutdownNow();
                if (!owned.awaitTermination(SHUTDOWN_GRACE.toNanos(), TimeUnit.NANOSECONDS)) {
                    log.warn("{}: a worker thread is still busy after close; it is a daemon thread and will not "
                            + "keep the JVM alive", name);
                }
            }
            return false;
        } catch (InterruptedException e) {
            owned.shutdownNow();
            return true;
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        ThreadFactory base = Executors.defaultThreadFactory();
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = base.newThread(r);
            t.setName("fleet-reconciler-" + name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
