package io.decnet.reconciler.core.worker;

import io.decnet.reconciler.api.Failure;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.SourceStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs reconcile passes periodically, for hosts that have no scheduler of their own (hosts that do keep calling
 * {@code Reconciler.reconcileOnce} themselves).
 *
 * <pre>{@code
 * ReconcileWorker worker = ReconcileWorker.builder()
 *         .pass(() -> reconciler.reconcileOnce(state, store, docker, "local"))
 *         .interval(Duration.ofSeconds(30))
 *         .build();
 * worker.start();                 // a pass now, then one every ~30 s
 * watcher.onChange(worker::trigger);
 * ...
 * worker.close();                 // the pass in flight finishes; returns within closeTimeout (+1 s)
 * }</pre>
 *
 * <p>Behaviour:
 * <ul>
 *   <li>A pass runs at {@link #start()}, then one {@code interval} after the previous one ended. Never two at once.
 *   <li>A pass that fails (its report has a failure, or it throws) is logged and counted, and the next one still
 *       runs, after a capped exponential backoff ({@code backoffInitial * 2^(failures-1)}, at most
 *       {@code backoffMax}) while failures repeat; a success returns to the interval.
 *   <li>Every wait carries a random jitter of {@code ±jitter} (default 10 %), so that hosts restarted together do
 *       not hit a shared database in step.
 *   <li>A pass still running at its deadline is reported then as {@link Failure.Kind#TIMEOUT} (to the
 *       {@link PassListener}, in the status, and counted as a failure). It is <em>not</em> interrupted: an
 *       interrupt landing inside a JDBC driver or the Docker client can leave a connection half-used, and the
 *       ports bound their own I/O (Docker timeouts, database timeouts). No other pass starts until it ends; its
 *       late result is logged.
 *   <li>{@link #trigger()} asks for a pass now (e.g. when the state file changed); during a pass, one more pass
 *       runs right after it (triggers coalesce).
 *   <li>The {@link HeartbeatListener} gets a {@link WorkerStatus} at start, every heartbeat interval, and once
 *       more when the worker stopped.
 * </ul>
 *
 * <p>Stopping, in order: {@link #stop()} cancels the next pass and returns; the pass in flight, if any, finishes
 * (it is not interrupted); then the worker is {@code STOPPED} and sends its last heartbeat. {@link #close()}
 * stops, waits for that up to {@code closeTimeout}, then shuts down the threads the worker created (interrupting
 * a pass that is still stuck, as the last resort) and returns within about {@code closeTimeout} plus one second.
 * It is idempotent, and if the calling thread is interrupted while waiting it stops waiting and keeps the
 * interrupt flag set. Threads and schedulers passed in by the caller are never shut down by the worker.
 *
 * <p>Test seams: {@code clock(..)}, {@code scheduler(..)}, {@code passExecutor(..)}, {@code random(..)}; the
 * testkit's {@code ManualClock} and {@code ManualScheduler} drive a worker without sleeping.
 *
 * <p>Thread-safe.
 */
public final class ReconcileWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReconcileWorker.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(1);

    private final String name;
    private final ReconcilePass pass;
    private final Duration interval;
    private final Duration passDeadline;
    private final Duration backoffInitial;
    private final Duration backoffMax;
    private final double jitter;
    private final RandomGenerator random;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService ownedScheduler;
    private final Executor passExecutor;
    private final HeartbeatListener heartbeatListener;
    private final Duration heartbeatInterval;
    private final PassListener passListener;
    private final Duration closeTimeout;

    private final Object lock = new Object();
    private WorkerStatus.State state = WorkerStatus.State.NEW;
    private ScheduledFuture<?> nextTick;
    private ScheduledFuture<?> heartbeat;
    private Instant nextPassAt;
    private InFlight current;
    private boolean rerunRequested;
    private long passNumber;
    private long passes;
    private long failures;
    private int consecutiveFailures;
    private PassOutcome lastOutcome;
    private Instant lastSuccessAt;
    private Boolean stateFileUsable;
    private Boolean runtimeUsable;

    private ReconcileWorker(Builder b) {
        this.name = b.name;
        this.pass = b.pass;
        this.interval = b.interval;
        this.passDeadline = b.passDeadline;
        this.backoffInitial = b.backoffInitial != null ? b.backoffInitial : b.interval;
        this.backoffMax = b.backoffMax != null ? b.backoffMax : defaultBackoffMax(b.interval);
        this.jitter = b.jitter;
        this.random = b.random != null ? b.random : RandomGenerator.getDefault();
        this.clock = b.clock;
        if (b.scheduler != null) {
            this.scheduler = b.scheduler;
            this.ownedScheduler = null;
        } else {
            // Two threads: one runs a pass, the other keeps time (ticks, deadline, heartbeats) meanwhile.
            ScheduledThreadPoolExecutor owned = new ScheduledThreadPoolExecutor(2,
                    b.threadFactory != null ? b.threadFactory : defaultThreadFactory(b.name));
            owned.setRemoveOnCancelPolicy(true);
            owned.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            owned.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
            this.scheduler = owned;
            this.ownedScheduler = owned;
        }
        this.passExecutor = b.passExecutor != null ? b.passExecutor : scheduler;
        this.heartbeatListener = b.heartbeatListener;
        this.heartbeatInterval = b.heartbeatInterval;
        this.passListener = b.passListener;
        this.closeTimeout = b.closeTimeout;
    }

    /** A builder; only {@link Builder#pass(ReconcilePass)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The worker's name, as in logs and heartbeats. */
    public String name() {
        return name;
    }

    /**
     * Starts the worker: a pass runs now, then periodically. Does nothing if it is running already.
     *
     * @throws IllegalStateException if the worker was stopped (a worker does not restart; build a new one)
     */
    public void start() {
        synchronized (lock) {
            if (state == WorkerStatus.State.RUNNING) {
                return;
            }
            if (state != WorkerStatus.State.NEW) {
                throw new IllegalStateException("worker '" + name + "' is " + state
                        + " and cannot be started again; build a new ReconcileWorker");
            }
            state = WorkerStatus.State.RUNNING;
            scheduleTick(Duration.ZERO);
            if (heartbeatListener != null) {
                heartbeat = scheduler.scheduleAtFixedRate(this::beat, 0, heartbeatInterval.toNanos(),
                        TimeUnit.NANOSECONDS);
            }
        }
        log.info("{}: started, a pass every {} (deadline {}, backoff {} to {}, jitter {}%)", name, human(interval),
                human(passDeadline), human(backoffInitial), human(backoffMax), Math.round(jitter * 100));
    }

    /**
     * Asks for a pass now. If a pass is running, one more runs right after it; several triggers meanwhile make
     * one pass.
     *
     * @return whether a pass will run because of this call ({@code false} unless the worker is running)
     */
    public boolean trigger() {
        synchronized (lock) {
            if (state != WorkerStatus.State.RUNNING) {
                return false;
            }
            if (current != null) {
                rerunRequested = true;
            } else {
                scheduleTick(Duration.ZERO);
            }
            return true;
        }
    }

    /**
     * Asks the worker to stop and returns at once: no new pass starts, the pass in flight finishes. Idempotent.
     * Use {@link #awaitStop(Duration)} to wait for the worker to be {@code STOPPED}, or {@link #close()}.
     */
    public void stop() {
        boolean beat;
        synchronized (lock) {
            if (state == WorkerStatus.State.STOPPING || state == WorkerStatus.State.STOPPED) {
                return;
            }
            boolean wasRunning = state == WorkerStatus.State.RUNNING;
            state = WorkerStatus.State.STOPPING;
            cancel(nextTick);
            nextTick = null;
            nextPassAt = null;
            if (wasRunning) {
                log.info("{}: stopping{}", name, current != null ? " after the pass in flight" : "");
            }
            beat = wasRunning && current == null;
            if (current == null) {
                markStopped();
            }
        }
        if (beat) {
            lastBeat();
        }
    }

    /**
     * Waits until the worker is {@code STOPPED} (after {@link #stop()}), at most {@code timeout}.
     *
     * @return whether it stopped in time
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + Objects.requireNonNull(timeout, "timeout").toNanos();
        synchronized (lock) {
            while (state != WorkerStatus.State.STOPPED) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /**
     * Stops the worker, waits for the pass in flight up to {@code closeTimeout}, and releases the threads the
     * worker created. Returns within about {@code closeTimeout} plus one second; idempotent. If the calling thread
     * is interrupted, it stops waiting and returns with the interrupt flag still set.
     */
    @Override
    public void close() {
        stop();
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        boolean interrupted = false;
        try {
            if (!awaitStop(closeTimeout)) {
                log.warn("{}: the pass in flight did not finish within {}; closing anyway", name,
                        human(closeTimeout));
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (ownedScheduler != null) {
            interrupted |= shutDownOwnedThreads(deadline, interrupted);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean shutDownOwnedThreads(long deadline, boolean alreadyInterrupted) {
        ownedScheduler.shutdown();
        boolean interrupted = false;
        try {
            long left = alreadyInterrupted ? 0 : Math.max(0, deadline - System.nanoTime());
            if (!ownedScheduler.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                // Last resort: the pass is stuck; interrupt it rather than leave a thread behind.
                ownedScheduler.shutdownNow();
                if (!ownedScheduler.awaitTermination(SHUTDOWN_GRACE.toNanos(), TimeUnit.NANOSECONDS)) {
                    log.warn("{}: a worker thread is still busy after close; it is a daemon thread and will not "
                            + "keep the JVM alive", name);
                }
            }
        } catch (InterruptedException e) {
            ownedScheduler.shutdownNow();
            interrupted = true;
        }
        return interrupted;
    }

    /** A snapshot of the worker now. */
    public WorkerStatus status() {
        synchronized (lock) {
            return snapshot();
        }
    }

    private WorkerStatus snapshot() {
        return new WorkerStatus(name, clock.instant(), state, lastOutcome, consecutiveFailures, passes, failures,
                lastSuccessAt, current != null ? current.startedAt : null, nextPassAt);
    }

    // ---- the pass cycle ---------------------------------------------------------------------------------------

    /** Under lock. */
    private void scheduleTick(Duration delay) {
        cancel(nextTick);
        nextPassAt = clock.instant().plus(delay);
        try {
            nextTick = scheduler.schedule(this::tick, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            log.error("{}: the scheduler refused the next pass (was it shut down?); the worker stops", name);
            nextTick = null;
            nextPassAt = null;
            state = WorkerStatus.State.STOPPING;
            if (current == null) {
                markStopped();
            }
        }
    }

    private void tick() {
        InFlight started;
        synchronized (lock) {
            nextTick = null;
            nextPassAt = null;
            if (state != WorkerStatus.State.RUNNING || current != null) {
                return; // stopping, or a pass is still running: it schedules the next one when it ends
            }
            started = new InFlight(++passNumber, clock.instant());
            current = started;
            started.watchdog = schedule(() -> deadlinePassed(started), passDeadline);
        }
        try {
            passExecutor.execute(() -> runPass(started));
        } catch (RejectedExecutionException e) {
            ended(started, null, new Failure(Failure.Kind.INTERNAL, "the pass executor refused the pass"));
        }
    }

    private void runPass(InFlight started) {
        ReconcileReport report = null;
        Failure failure = null;
        try {
            report = pass.run();
            if (report == null) {
                failure = new Failure(Failure.Kind.INTERNAL, "the pass returned no report");
            } else if (report.failed()) {
                failure = report.failure();
            }
        } catch (Throwable t) { // each pass catches everything: the worker outlives a broken pass
            log.error("{}: pass {} threw", name, started.number, t);
            failure = new Failure(Failure.Kind.INTERNAL, "the pass threw " + t.getClass().getName()
                    + (t.getMessage() != null ? ": " + t.getMessage() : ""));
        }
        ended(started, report, failure);
    }

    private void ended(InFlight started, ReconcileReport report, Failure failure) {
        PassOutcome outcome = null;
        Duration next = null;
        boolean stoppedNow = false;
        synchronized (lock) {
            current = null;
            cancel(started.watchdog);
            Duration took = elapsedSince(started.startedAt);
            if (started.timedOut) {
                log.warn("{}: pass {}, which timed out, ended after {}: {}", name, started.number, human(took),
                        report != null ? report.countsLine() : failure.message());
            } else {
                if (failure == null && took.compareTo(passDeadline) > 0) {
                    failure = timeout(started.number); // overran, though the deadline timer did not fire first
                }
                outcome = new PassOutcome(started.number, started.startedAt, took, report, failure);
                record(outcome);
            }
            if (state == WorkerStatus.State.RUNNING) {
                next = rerunRequested ? Duration.ZERO : nextDelay();
                rerunRequested = false;
                scheduleTick(next);
            } else if (state == WorkerStatus.State.STOPPING) {
                markStopped();
                stoppedNow = true;
            }
        }
        if (outcome != null) {
            logOutcome(outcome, next);
            notifyPass(outcome);
        }
        if (stoppedNow) {
            lastBeat();
        }
    }

    private void deadlinePassed(InFlight started) {
        PassOutcome outcome;
        synchronized (lock) {
            if (current != started || started.timedOut) {
                return;
            }
            started.timedOut = true;
            outcome = new PassOutcome(started.number, started.startedAt, passDeadline, null,
                    timeout(started.number));
            record(outcome);
        }
        log.warn("{}: pass {} is still running after its deadline of {}; reported as timed out, no new pass "
                + "starts until it ends", name, started.number, human(passDeadline));
        notifyPass(outcome);
    }

    private Failure timeout(long number) {
        return new Failure(Failure.Kind.TIMEOUT,
                "pass " + number + " exceeded its deadline of " + human(passDeadline));
    }

    /** Under lock. */
    private void record(PassOutcome outcome) {
        passes++;
        lastOutcome = outcome;
        if (outcome.succeeded()) {
            consecutiveFailures = 0;
            lastSuccessAt = outcome.startedAt().plus(outcome.duration());
        } else {
            failures++;
            consecutiveFailures++;
        }
    }

    /** Under lock. */
    private Duration nextDelay() {
        Duration base = consecutiveFailures == 0
                ? interval
                : Delays.backoff(backoffInitial, backoffMax, consecutiveFailures);
        return Delays.jitter(base, jitter, random);
    }

    /** Under lock. */
    private void markStopped() {
        state = WorkerStatus.State.STOPPED;
        cancel(heartbeat);
        heartbeat = null;
        lock.notifyAll();
        log.info("{}: stopped after {} passes ({} failed)", name, passes, failures);
    }

    private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        try {
            return scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null; // the scheduler is shutting down: no deadline to watch any more
        }
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    private Duration elapsedSince(Instant start) {
        Duration took = Duration.between(start, clock.instant());
        return took.isNegative() ? Duration.ZERO : took; // a wall clock may step back
    }

    // ---- reporting ---------------------------------------------------------------------------------------------

    private void logOutcome(PassOutcome outcome, Duration next) {
        String after = next == null ? "" : ", next pass in " + human(next);
        if (!outcome.succeeded()) {
            int inARow;
            synchronized (lock) {
                inARow = consecutiveFailures;
            }
            log.warn("{}: pass {} failed ({} in a row{}): {}", name, outcome.number(), inARow, after,
                    outcome.summary());
            return;
        }
        ReconcileReport report = outcome.report();
        logSourceChange("state file", report.stateFile(), true);
        logSourceChange("docker", report.runtime(), false);
        if (report.hasChanges() || report.conflicts() > 0) {
            log.info("{}: {} config_updated={} conflicts={} in {}", name, report.countsLine(),
                    report.configUpdated(), report.conflicts(), human(outcome.duration()));
        } else {
            log.debug("{}: pass {} converged in {}", name, outcome.number(), human(outcome.duration()));
        }
    }

    /** Logs when an input becomes unusable or usable again, not on every pass. */
    private void logSourceChange(String what, SourceStatus status, boolean stateFile) {
        if (status.equals(SourceStatus.notRead())) {
            return; // the pass stopped before reading it (e.g. an unreadable state file): nothing was learnt
        }
        Boolean before;
        synchronized (lock) {
            before = stateFile ? stateFileUsable : runtimeUsable;
            if (stateFile) {
                stateFileUsable = status.usable();
            } else {
                runtimeUsable = status.usable();
            }
        }
        if (before != null && before == status.usable()) {
            return;
        }
        if (!status.usable()) {
            log.warn("{}: {} unusable, {}: {}", name, what,
                    stateFile ? "nothing is changed until it is readable" : "row states are left as they are",
                    status.summary());
        } else if (before != null) {
            log.info("{}: {} usable again: {}", name, what, status.summary());
        }
    }

    private void notifyPass(PassOutcome outcome) {
        try {
            passListener.onPass(outcome);
        } catch (RuntimeException e) {
            log.warn("{}: the pass listener threw; ignored", name, e);
        }
    }

    private void beat() {
        WorkerStatus status = status();
        try {
            heartbeatListener.onHeartbeat(status);
        } catch (RuntimeException e) {
            log.warn("{}: the heartbeat listener threw; ignored", name, e);
        }
    }

    private void lastBeat() {
        if (heartbeatListener != null) {
            beat();
        }
    }

    static String human(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + " ms";
        }
        if (d.toSeconds() < 120) {
            long tenths = d.toMillis() / 100;
            return tenths % 10 == 0 ? (tenths / 10) + " s" : (tenths / 10) + "." + (tenths % 10) + " s";
        }
        return d.toMinutes() + " min" + (d.toSecondsPart() != 0 ? " " + d.toSecondsPart() + " s" : "");
    }

    private static Duration defaultBackoffMax(Duration interval) {
        Duration tenTimes = interval.multipliedBy(10);
        return tenTimes.compareTo(Builder.MAX_PERIOD) > 0 ? Builder.MAX_PERIOD : tenTimes;
    }

    private static ThreadFactory defaultThreadFactory(String name) {
        ThreadFactory base = Executors.defaultThreadFactory();
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = base.newThread(r);
            t.setName("fleet-reconciler-" + name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A pass that started; mutable fields guarded by the worker's lock. */
    private static final class InFlight {
        final long number;
        final Instant startedAt;
        ScheduledFuture<?> watchdog;
        boolean timedOut;

        InFlight(long number, Instant startedAt) {
            this.number = number;
            this.startedAt = startedAt;
        }
    }

    /**
     * Builds a {@link ReconcileWorker}; validates at {@link #build()}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        static final Duration MIN_PERIOD = Duration.ofSeconds(1);
        static final Duration MAX_PERIOD = Duration.ofHours(24);
        static final double MAX_JITTER = 0.5;

        private String name = "reconciler";
        private ReconcilePass pass;
        private Duration interval = Duration.ofSeconds(30);
        private Duration passDeadline = Duration.ofSeconds(60);
        private Duration backoffInitial;
        private Duration backoffMax;
        private double jitter = 0.1;
        private RandomGenerator random;
        private Clock clock = Clock.systemUTC();
        private ScheduledExecutorService scheduler;
        private Executor passExecutor;
        private ThreadFactory threadFactory;
        private HeartbeatListener heartbeatListener;
        private Duration heartbeatInterval;
        private PassListener passListener = PassListener.NONE;
        private Duration closeTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** The name in logs, heartbeats and thread names (default {@code reconciler}). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** What one pass does; required. */
        public Builder pass(ReconcilePass pass) {
            this.pass = pass;
            return this;
        }

        /** The wait between the end of a successful pass and the start of the next (default 30 s; 1 s to 24 h). */
        public Builder interval(Duration interval) {
            this.interval = interval;
            return this;
        }

        /** How long a pass may run before it is reported as timed out (default 60 s; 1 s to 24 h). */
        public Builder passDeadline(Duration passDeadline) {
            this.passDeadline = passDeadline;
            return this;
        }

        /**
         * The wait after the first failure in a row, doubled after each further one, up to {@code max} (default:
         * the interval, up to ten times the interval).
         */
        public Builder backoff(Duration initial, Duration max) {
            this.backoffInitial = initial;
            this.backoffMax = max;
            return this;
        }

        /** The random spread of every wait, as a fraction of it: 0 (none) to 0.5 (default 0.1, i.e. ±10 %). */
        public Builder jitter(double fraction) {
            this.jitter = fraction;
            return this;
        }

        /** Where jitter comes from (default: a new {@link RandomGenerator#getDefault()}); used under a lock. */
        public Builder random(RandomGenerator random) {
            this.random = random;
            return this;
        }

        /** The clock for timestamps and pass durations (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * The scheduler for waits, deadlines and heartbeats, and (unless {@link #passExecutor} is set) for passes.
         * The caller owns it: the worker cancels its own tasks but never shuts it down. A real one needs two
         * threads for deadlines and heartbeats to fire while a pass runs. Default: a two-thread scheduler the
         * worker creates from {@link #threadFactory} and shuts down on {@link #close()}.
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /** Where passes run (default: the scheduler). The caller owns it. A test seam, mostly. */
        public Builder passExecutor(Executor passExecutor) {
            this.passExecutor = passExecutor;
            return this;
        }

        /**
         * Makes the threads of the worker's own scheduler (default: daemon threads named
         * {@code fleet-reconciler-<name>-<n>}). Not with {@link #scheduler}.
         */
        public Builder threadFactory(ThreadFactory threadFactory) {
            this.threadFactory = threadFactory;
            return this;
        }

        /** Sends the worker's status to {@code listener} every {@code every} (1 s to 24 h); default: none. */
        public Builder heartbeat(HeartbeatListener listener, Duration every) {
            this.heartbeatListener = Objects.requireNonNull(listener, "listener");
            this.heartbeatInterval = every;
            return this;
        }

        /** Told the outcome of each pass (default: nobody). */
        public Builder passListener(PassListener listener) {
            this.passListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** How long {@link #close()} waits for the pass in flight (default 30 s; 0 to 1 h). */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
            return this;
        }

        /**
         * The worker, not started.
         *
         * @throws IllegalArgumentException naming the field, the allowed range and the value given
         */
        public ReconcileWorker build() {
            if (pass == null) {
                throw new IllegalArgumentException(
                        "pass is required, e.g. .pass(() -> reconciler.reconcileOnce(state, store, docker, host))");
            }
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank, was '" + name + "'");
            }
            requirePeriod("interval", interval);
            requirePeriod("passDeadline", passDeadline);
            if (backoffInitial != null || backoffMax != null) {
                requirePeriod("backoff initial", backoffInitial);
                requirePeriod("backoff max", backoffMax);
                if (backoffMax.compareTo(backoffInitial) < 0) {
                    throw new IllegalArgumentException("backoff max must be at least backoff initial ("
                            + backoffInitial + "), was " + backoffMax);
                }
            }
            if (!(jitter >= 0 && jitter <= MAX_JITTER)) {
                throw new IllegalArgumentException("jitter must be between 0 and " + MAX_JITTER + ", was " + jitter);
            }
            Objects.requireNonNull(clock, "clock");
            if (scheduler != null && threadFactory != null) {
                throw new IllegalArgumentException("set scheduler(..) or threadFactory(..), not both: the thread "
                        + "factory is only used for the scheduler the worker creates itself");
            }
            if (heartbeatListener != null) {
                requirePeriod("heartbeat interval", heartbeatInterval);
            }
            if (closeTimeout == null || closeTimeout.isNegative() || closeTimeout.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException(
                        "closeTimeout must be between PT0S and PT1H, was " + closeTimeout);
            }
            return new ReconcileWorker(this);
        }

        private static void requirePeriod(String field, Duration value) {
            if (value == null || value.compareTo(MIN_PERIOD) < 0 || value.compareTo(MAX_PERIOD) > 0) {
                throw new IllegalArgumentException(
                        field + " must be between " + MIN_PERIOD + " and " + MAX_PERIOD + ", was " + value);
            }
        }
    }
}
