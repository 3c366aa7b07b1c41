package io.decnet.reconciler.testkit.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} that runs nothing by itself: tasks run on the test's thread, synchronously,
 * when the test moves time with {@link #advance(Duration)} or calls {@link #runDue()}. Code that takes a
 * {@code ScheduledExecutorService} (and a {@link java.time.Clock}) can so be tested without sleeping.
 *
 * <pre>{@code
 * ManualScheduler scheduler = ManualScheduler.create();
 * ReconcileWorker worker = ReconcileWorker.builder()
 *         .pass(pass).clock(scheduler.clock()).scheduler(scheduler).jitter(0).build();
 * worker.start();
 * scheduler.runDue();                          // the pass at start
 * scheduler.advance(Duration.ofSeconds(30));   // the next one, 30 s later
 * }</pre>
 *
 * <p>Semantics: {@link #execute} and {@code submit} queue a task due now; it runs at the next {@code runDue()} or
 * {@code advance(..)}. {@code advance} runs due tasks in order of due time (then submission order), moving the
 * clock forward to each task's due time before running it, and leaves the clock at the target. Due times are on
 * the clock's monotonic reading, as a real scheduler's are on {@link System#nanoTime()}: setting the wall clock
 * with {@link ManualClock#set} (back or forward) neither delays nor brings forward any task. A task that throws is
 * recorded in {@link #taskFailures()} (and its future fails), as a real executor would keep the exception in the
 * future; a periodic task that throws is not run again. {@link #shutdown()} rejects new tasks; pending ones still
 * run when time is advanced; {@link #shutdownNow()} cancels them. Calls that would block waiting for tasks
 * ({@code invokeAll}, {@code invokeAny}) are rejected, as is advancing time from inside a task.
 *
 * <p>Thread-safe: any thread may schedule; one thread at a time advances.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final ManualClock clock;
    private final Object lock = new Object();
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private final List<Throwable> failures = new ArrayList<>();
    private long sequence;
    private boolean shutdown;
    private Thread runner;

    private ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    /** A scheduler on a new {@link ManualClock#create()}. */
    public static ManualScheduler create() {
        return on(ManualClock.create());
    }

    /** A scheduler whose time is {@code clock}. */
    public static ManualScheduler on(ManualClock clock) {
        return new ManualScheduler(Objects.requireNonNull(clock, "clock"));
    }

    /** The clock this scheduler reads and moves. */
    public ManualClock clock() {
        return clock;
    }

    /**
     * Moves time forward by {@code step}, running every task that falls due on the way (including tasks those
     * tasks schedule within the step).
     *
     * @return how many tasks ran
     * @throws IllegalArgumentException if {@code step} is negative
     * @throws IllegalStateException if called from inside a task, or while another thread is advancing
     */
    public int advance(Duration step) {
        Objects.requireNonNull(step, "step");
        if (step.isNegative()) {
            throw new IllegalArgumentException("step must be zero or positive, was " + step);
        }
        return runUntil(clock.monotonicNanos() + step.toNanos());
    }

    /**
     * Runs the tasks due now (queued by {@link #execute}, or overdue because the clock was advanced directly),
     * without moving time.
     *
     * @return how many tasks ran
     */
    public int runDue() {
        return runUntil(clock.monotonicNanos());
    }

    /** How many tasks wait to run (cancelled ones excluded). */
    public int pendingCount() {
        synchronized (lock) {
            return (int) queue.stream().filter(t -> !t.isCancelled()).count();
        }
    }

    /** How long until the next pending task is due (zero or negative if overdue), or empty if none waits. */
    public Optional<Duration> nextDueIn() {
        synchronized (lock) {
            return queue.stream()
                    .filter(t -> !t.isCancelled())
                    .min(Task::compareTo)
                    .map(t -> Duration.ofNanos(t.due - clock.monotonicNanos()));
        }
    }

    /** A copy of what tasks run through {@link #execute} or {@code schedule} threw, in order. */
    public List<Throwable> taskFailures() {
        synchronized (lock) {
            return List.copyOf(failures);
        }
    }

    private int runUntil(long target) {
        Thread me = Thread.currentThread();
        synchronized (lock) {
            if (runner == me) {
                throw new IllegalStateException("advance(..) or runDue() called from inside a task the "
                        + "ManualScheduler is running; move the clock with ManualClock.advance(..) instead");
            }
            if (runner != null) {
                throw new IllegalStateException("thread " + runner.getName() + " is already advancing this "
                        + "ManualScheduler; advance it from one thread at a time");
            }
            runner = me;
        }
        int ran = 0;
        try {
            Task<?> next;
            while ((next = pollDue(target)) != null) {
                next.run();
                ran++;
            }
        } finally {
            synchronized (lock) {
                runner = null;
            }
        }
        if (clock.monotonicNanos() < target) {
            clock.passBy(target - clock.monotonicNanos());
        }
        return ran;
    }

    private Task<?> pollDue(long target) {
        synchronized (lock) {
            while (!queue.isEmpty()) {
                Task<?> head = queue.peek();
                if (head.isCancelled()) {
                    queue.poll();
                    continue;
                }
                if (head.due > target) {
                    return null;
                }
                queue.poll();
                long now = clock.monotonicNanos();
                if (head.due > now) {
                    clock.passBy(head.due - now);
                }
                return head;
            }
            return null;
        }
    }

    private <V> Task<V> enqueue(Task<V> task) {
        synchronized (lock) {
            if (shutdown) {
                throw new RejectedExecutionException("the ManualScheduler was shut down");
            }
            queue.add(task);
        }
        return task;
    }

    private void requeue(Task<?> task) {
        synchronized (lock) {
            if (!shutdown) {
                queue.add(task);
            }
        }
    }

    private long nextSequence() {
        synchronized (lock) {
            return sequence++;
        }
    }

    private long dueAfter(long delay, TimeUnit unit) {
        return clock.monotonicNanos() + Math.max(0, unit.toNanos(delay));
    }

    private static Duration periodOf(long period, TimeUnit unit) {
        if (period <= 0) {
            throw new IllegalArgumentException("period must be positive, was " + period + " " + unit);
        }
        return Duration.ofNanos(unit.toNanos(period));
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Objects.requireNonNull(command, "command");
        return enqueue(new Task<Void>(Executors.callable(command, null), dueAfter(delay, unit), null, false));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        Objects.requireNonNull(callable, "callable");
        return enqueue(new Task<>(callable, dueAfter(delay, unit), null, false));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        Objects.requireNonNull(command, "command");
        return enqueue(new Task<Void>(
                Executors.callable(command, null), dueAfter(initialDelay, unit), periodOf(period, unit), true));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
            TimeUnit unit) {
        Objects.requireNonNull(command, "command");
        return enqueue(new Task<Void>(
                Executors.callable(command, null), dueAfter(initialDelay, unit), periodOf(delay, unit), false));
    }

    /** Rejects new tasks; pending ones still run when time is advanced. */
    @Override
    public void shutdown() {
        synchronized (lock) {
            shutdown = true;
        }
    }

    /** Rejects new tasks and cancels the pending ones. */
    @Override
    public List<Runnable> shutdownNow() {
        synchronized (lock) {
            shutdown = true;
            List<Runnable> pending = new ArrayList<>(queue);
            queue.clear();
            pending.forEach(r -> ((Task<?>) r).cancel(false));
            return pending;
        }
    }

    @Override
    public boolean isShutdown() {
        synchronized (lock) {
            return shutdown;
        }
    }

    @Override
    public boolean isTerminated() {
        synchronized (lock) {
            return shutdown && queue.stream().allMatch(Task::isCancelled);
        }
    }

    /** Never blocks: returns whether the scheduler is terminated now. */
    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    /** Rejected: it would wait for tasks that run only when the test advances time. */
    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) {
        throw blocking("invokeAll");
    }

    /** Rejected: it would wait for tasks that run only when the test advances time. */
    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) {
        throw blocking("invokeAll");
    }

    /** Rejected: it would wait for tasks that run only when the test advances time. */
    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) {
        throw blocking("invokeAny");
    }

    /** Rejected: it would wait for tasks that run only when the test advances time. */
    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) {
        throw blocking("invokeAny");
    }

    private static UnsupportedOperationException blocking(String method) {
        return new UnsupportedOperationException(method + " would block forever on a ManualScheduler, whose tasks "
                + "run only inside advance(..) or runDue(); submit the tasks and advance time instead");
    }

    @Override
    public String toString() {
        return "ManualScheduler[" + clock.instant() + ", " + pendingCount() + " pending]";
    }

    private final class Task<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {
        private final long seq = nextSequence();
        private final Duration period;
        private final boolean fixedRate;
        private long due;

        Task(Callable<V> callable, long due, Duration period, boolean fixedRate) {
            super(callable);
            this.due = due;
            this.period = period;
            this.fixedRate = fixedRate;
        }

        @Override
        public boolean isPeriodic() {
            return period != null;
        }

        @Override
        public void run() {
            if (!isPeriodic()) {
                super.run();
            } else if (runAndReset()) {
                due = (fixedRate ? due : clock.monotonicNanos()) + period.toNanos();
                requeue(this);
            }
        }

        @Override
        protected void setException(Throwable failure) {
            synchronized (lock) {
                failures.add(failure);
            }
            super.setException(failure);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - clock.monotonicNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            if (other instanceof Task<?> t) {
                int byDue = Long.compare(due, t.due);
                return byDue != 0 ? byDue : Long.compare(seq, t.seq);
            }
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(seq);
        }
    }
}
