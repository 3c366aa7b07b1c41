package io.decnet.reconciler.core.worker;

import io.decnet.reconciler.api.Failure;
import io.decnet.reconciler.api.TimeSource;
import io.decnet.reconciler.core.worker.PassRunner.InFlight;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
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
 *   <li>{@link #trigger()} asks for a pass soon (e.g. when the state file or a container changed). Triggers
 *       coalesce: the pass runs once they have been quiet for {@code triggerQuiet} (default 200 ms), and no later
 *       than a max delay after the first one it serves: {@code triggerMaxDelay} (default 1 s), doubled for each
 *       pass a burst forces without a quiet gap, up to {@code triggerBurstMaxDelay} (default 15 s, half the default
 *       interval), back to the
 *       start after a quiet gap. A lone container event is served within about 200 ms; a burst of a thousand
 *       events over half a minute makes about five passes, not a thousand. A trigger during a pass makes one more
 *       pass after it, by the same rule. A trigger never delays a periodic pass that is due sooner. See
 *       {@link Builder#coalesceTriggers}.
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
 * <p>Thread-safe. The pieces, each on its own: {@link WorkerConfig} (validated settings), {@link PassSchedule}
 * (when the next pass runs), {@link PassRunner} (one pass, one result), {@link PassLedger} (the figures of
 * {@link WorkerStatus}), {@link WorkerThreads} (what runs where, and shutting down what the worker made) and
 * {@link OutcomeLog} (the log lines); this class is the life cycle that joins them.
 */
public final class ReconcileWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReconcileWorker.class);

    private final WorkerConfig config;
    private final String name;
    private final TimeSource time;
    private final PassRunner runner;
    private final PassSchedule schedule;
    private final WorkerThreads threads;
    private final OutcomeLog outcomeLog;
    private final HeartbeatListener heartbeatListener;
    private final PassListener passListener;

    private final Object lock = new Object();
    private final PassLedger ledger = new PassLedger();
    private WorkerStatus.State state = WorkerStatus.State.NEW;
    private ScheduledFuture<?> nextTick;
    private ScheduledFuture<?> heartbeat;
    private Instant nextPassAt;
    private boolean nextTickTriggered;
    private InFlight current;
    private boolean rerunRequested;
    /** Whether triggers came that no started pass serves yet; then the monotonic readings of the first and last. */
    private boolean triggersPending;
    private long firstTriggerNanos;
    private long lastTriggerNanos;
    private long passNumber;

    private ReconcileWorker(Builder b, WorkerConfig config) {
        this.config = config;
        this.name = config.name();
        this.time = b.time != null ? b.time : TimeSource.of(b.clock);
        this.runner = new PassRunner(name, b.pass, config.passDeadline());
        this.schedule = new PassSchedule(config, b.random != null ? b.random : RandomGenerator.getDefault());
        this.threads = new WorkerThreads(name, b.scheduler, b.passExecutor, b.threadFactory);
        this.outcomeLog = new OutcomeLog(name);
        this.heartbeatListener = b.heartbeatListener;
        this.passListener = b.passListener;
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
            scheduleTick(Duration.ZERO, false);
            if (heartbeatListener != null) {
                heartbeat = threads.scheduleAtFixedRate(this::beat, config.heartbeatInterval());
            }
        }
        log.info("{}: started, a pass every {} (deadline {}, backoff {} to {}, jitter {}%)", name,
                Durations.human(config.interval()), Durations.human(config.passDeadline()),
                Durations.human(config.backoffInitial()), Durations.human(config.backoffMax()),
                Math.round(config.jitter() * 100));
    }

    /**
     * Asks for a pass soon: once triggers have been quiet for {@code triggerQuiet}, at most
     * {@code triggerMaxDelay} after the first trigger not yet served (both zero: at once). If a pass is running,
     * one more runs after it by the same rule. Cheap and non-blocking; safe to call from an event thread.
     *
     * @return whether a pass will run because of this call ({@code false} unless the worker is running)
     */
    public boolean trigger() {
        synchronized (lock) {
            if (state != WorkerStatus.State.RUNNING) {
                return false;
            }
            long now = time.monotonicNanos();
            if (!triggersPending) {
                triggersPending = true;
                firstTriggerNanos = now;
            }
            lastTriggerNanos = now;
            if (current != null) {
                rerunRequested = true;
                return true;
            }
            Duration delay = schedule.afterTriggers(firstTriggerNanos, lastTriggerNanos, now);
            boolean periodicSooner = nextTick != null && !nextTickTriggered && nextPassAt != null
                    && !nextPassAt.isAfter(time.instant().plus(delay));
            if (!periodicSooner) {
                scheduleTick(delay, true);
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
            WorkerThreads.cancel(nextTick);
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
        long deadline = System.nanoTime() + config.closeTimeout().toNanos();
        boolean interrupted = false;
        try {
            if (!awaitStop(config.closeTimeout())) {
                log.warn("{}: the pass in flight did not finish within {}; closing anyway", name,
                        Durations.human(config.closeTimeout()));
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        interrupted |= threads.shutDown(deadline, interrupted);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A snapshot of the worker now. */
    public WorkerStatus status() {
        synchronized (lock) {
            return ledger.status(name, time.instant(), state, current != null ? current.startedAt : null,
                    nextPassAt);
        }
    }

    // ---- the pass cycle ---------------------------------------------------------------------------------------

    /** Under lock. {@code triggered}: the tick serves triggers (a later trigger may move it). */
    private void scheduleTick(Duration delay, boolean triggered) {
        WorkerThreads.cancel(nextTick);
        nextTickTriggered = triggered;
        nextPassAt = time.instant().plus(delay);
        try {
            nextTick = threads.schedule(this::tick, delay);
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
            started = new InFlight(++passNumber, time.instant(), time.monotonicNanos());
            current = started;
            if (triggersPending) {
                schedule.triggeredPassStarts(lastTriggerNanos, started.startNanos);
            }
            triggersPending = false; // this pass reads everything the triggers so far announced
            started.watchdog = threads.scheduleIfRunning(() -> deadlinePassed(started), config.passDeadline());
        }
        try {
            threads.runPass(() -> ended(started, runner.run(started.number)));
        } catch (RejectedExecutionException e) {
            ended(started, new PassRunner.Result(null,
                    new Failure(Failure.Kind.INTERNAL, "the pass executor refused the pass")));
        }
    }

    private void ended(InFlight started, PassRunner.Result result) {
        PassOutcome outcome = null;
        Duration next = null;
        int inARow;
        boolean stoppedNow = false;
        synchronized (lock) {
            current = null;
            WorkerThreads.cancel(started.watchdog);
            Duration took = time.since(started.startNanos);
            if (started.timedOut) {
                log.warn("{}: pass {}, which timed out, ended after {}: {}", name, started.number,
                        Durations.human(took), result.report() != null ? result.report().countsLine()
                                : result.failure().message());
            } else {
                outcome = runner.outcome(started, took, result);
                ledger.record(outcome);
            }
            inARow = ledger.consecutiveFailures();
            if (state == WorkerStatus.State.RUNNING) {
                boolean triggered = rerunRequested;
                next = triggered
                        ? schedule.afterTriggers(firstTriggerNanos, lastTriggerNanos, time.monotonicNanos())
                        : schedule.afterPass(inARow);
                rerunRequested = false;
                scheduleTick(next, triggered);
            } else if (state == WorkerStatus.State.STOPPING) {
                markStopped();
                stoppedNow = true;
            }
        }
        if (outcome != null) {
            outcomeLog.passEnded(outcome, inARow, next);
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
            outcome = new PassOutcome(started.number, started.startedAt, config.passDeadline(), null,
                    runner.timeout(started.number));
            ledger.record(outcome);
        }
        log.warn("{}: pass {} is still running after its deadline of {}; reported as timed out, no new pass "
                + "starts until it ends", name, started.number, Durations.human(config.passDeadline()));
        notifyPass(outcome);
    }

    /** Under lock. */
    private void markStopped() {
        state = WorkerStatus.State.STOPPED;
        WorkerThreads.cancel(heartbeat);
        heartbeat = null;
        lock.notifyAll();
        log.info("{}: stopped after {} passes ({} failed)", name, ledger.passes(), ledger.failures());
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

    /**
     * Builds a {@link ReconcileWorker}; validates at {@link #build()}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private String name = "reconciler";
        private ReconcilePass pass;
        private Duration interval = Duration.ofSeconds(30);
        private Duration passDeadline = Duration.ofSeconds(60);
        private Duration backoffInitial;
        private Duration backoffMax;
        private double jitter = 0.1;
        private RandomGenerator random;
        private Clock clock = Clock.systemUTC();
        private TimeSource time;
        private ScheduledExecutorService scheduler;
        private Executor passExecutor;
        private ThreadFactory threadFactory;
        private HeartbeatListener heartbeatListener;
        private Duration heartbeatInterval;
        private PassListener passListener = PassListener.NONE;
        private Duration closeTimeout = Duration.ofSeconds(30);
        private Duration triggerQuiet = WorkerConfig.DEFAULT_TRIGGER_QUIET;
        private Duration triggerMaxDelay = WorkerConfig.DEFAULT_TRIGGER_MAX_DELAY;
        private Duration triggerBurstMaxDelay = WorkerConfig.DEFAULT_TRIGGER_BURST_MAX_DELAY;

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

        /**
         * The clock for timestamps (default UTC system clock). Pass durations are measured with
         * {@link System#nanoTime()}, unless the clock is a {@link TimeSource} (the testkit's {@code ManualClock}),
         * whose monotonic reading is used. Replaces a {@link #timeSource} set before.
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            this.time = null;
            return this;
        }

        /** Wall time for timestamps and monotonic time for durations, from one source. Replaces a clock. */
        public Builder timeSource(TimeSource time) {
            this.time = Objects.requireNonNull(time, "time");
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
         * How {@link ReconcileWorker#trigger() triggers} coalesce: a triggered pass starts once no trigger came for
         * {@code quiet} (0 to 10 s; default 200 ms), and at the latest {@code maxDelay} after the first trigger it
         * serves ({@code quiet} to 1 min; default 1 s), a max delay that doubles while a burst forces passes, up
         * to fifteen times {@code maxDelay} (at most 1 min). {@code (ZERO, ZERO)}: every trigger asks for a pass at
         * once (triggers during a pass still make one pass after it).
         */
        public Builder coalesceTriggers(Duration quiet, Duration maxDelay) {
            Duration cap = maxDelay == null ? null : maxDelay.multipliedBy(15);
            return coalesceTriggers(quiet, maxDelay, cap == null || cap.compareTo(WorkerConfig.MAX_TRIGGER_DELAY) <= 0
                    ? cap : WorkerConfig.MAX_TRIGGER_DELAY);
        }

        /**
         * As {@link #coalesceTriggers(Duration, Duration)}, with the burst cap given: how far the max delay may
         * grow while triggers keep coming without a quiet gap ({@code maxDelay} to 1 min; {@code maxDelay}: a
         * pass every {@code maxDelay} for as long as a burst lasts).
         */
        public Builder coalesceTriggers(Duration quiet, Duration maxDelay, Duration burstMaxDelay) {
            this.triggerQuiet = quiet;
            this.triggerMaxDelay = maxDelay;
            this.triggerBurstMaxDelay = burstMaxDelay;
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
            if (backoffInitial != null || backoffMax != null) {
                WorkerConfig.requirePeriod("backoff initial", backoffInitial);
                WorkerConfig.requirePeriod("backoff max", backoffMax);
            }
            if (time == null) {
                Objects.requireNonNull(clock, "clock");
            }
            if (scheduler != null && threadFactory != null) {
                throw new IllegalArgumentException("set scheduler(..) or threadFactory(..), not both: the thread "
                        + "factory is only used for the scheduler the worker creates itself");
            }
            if (heartbeatListener != null) {
                WorkerConfig.requirePeriod("heartbeat interval", heartbeatInterval);
            }
            WorkerConfig.requirePeriod("interval", interval);
            WorkerConfig config = new WorkerConfig(name, interval, passDeadline,
                    backoffInitial != null ? backoffInitial : interval,
                    backoffMax != null ? backoffMax : WorkerConfig.defaultBackoffMax(interval), jitter,
                    heartbeatListener != null ? heartbeatInterval : null, closeTimeout, triggerQuiet,
                    triggerMaxDelay, triggerBurstMaxDelay);
            return new ReconcileWorker(this, config);
        }
    }
}
