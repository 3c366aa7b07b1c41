package io.decnet.reconciler.cli;

import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.core.Reconciler;
import io.decnet.reconciler.core.worker.LeasedPass;
import io.decnet.reconciler.core.worker.ReconcilePass;
import io.decnet.reconciler.core.worker.ReconcileWorker;
import io.decnet.reconciler.docker.DockerRuntimeInspector;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reconcile} without {@code --once}: a {@link ReconcileWorker} until the process is asked to stop
 * (SIGTERM/SIGINT), then the pass in flight finishes, everything is closed and the exit code is 0.
 */
final class LongLivedRun {
    /** How long stopping waits for the pass in flight; systemd's default stop timeout is 90 s. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Settings s;
    private final CliEnvironment env;

    LongLivedRun(Settings s, CliEnvironment env) {
        this.s = s;
        this.env = env;
    }

    int run() {
        Logger log = LoggerFactory.getLogger(LongLivedRun.class); // after the flags configured logging
        Adapters.requireStateFile(s);
        Adapters adapters = Adapters.open(s, env);
        FleetMetrics metrics = new FleetMetrics();
        Reconciler reconciler = Reconciler.builder().policy(s.policy()).listener(adapters.events()).build();
        LeasedPass leased = new LeasedPass(adapters.lease(), s.hostUuid());
        metrics.writerLease(leased);
        ReconcilePass pass = leased.pass(() -> reconciler.reconcileOnce(adapters.state(), adapters.store(),
                adapters.docker(), s.hostUuid()), Clock.systemUTC());
        ReconcileWorker worker = ReconcileWorker.builder()
                .name("reconciler")
                .pass(() -> printed(metrics.record(pass.run())))
                .interval(s.interval())
                .passDeadline(s.passTimeout())
                .passListener(metrics::record)
                .closeTimeout(CLOSE_TIMEOUT)
                .build();
        metrics.worker(worker::status);
        DockerRuntimeInspector docker = adapters.docker();
        boolean followingDocker = docker.cacheStatus().isPresent();
        if (followingDocker) {
            docker.onChange(names -> worker.trigger());
            metrics.dockerEvents(docker::cacheStatus);
        }
        HealthServer health = null;
        if (s.healthPort() != null) {
            try {
                health = HealthServer.start(s.healthAddress(), s.healthPort(), worker::status, s.interval(),
                        metrics, Clock.systemUTC());
            } catch (IOException | RuntimeException e) {
                adapters.close();
                throw new UsageError("health_port_unavailable", "cannot serve health and metrics on "
                        + s.healthAddress() + ":" + s.healthPort() + ": " + e.getMessage()
                        + " (choose another --health-port or --health-address)", e);
            }
        }

        StateFileWatcher watcher = s.watch() ? watch(log, worker) : null;
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        HealthServer server = health;
        Runnable stop = () -> {
            if (stopping.compareAndSet(false, true)) {
                log.info("stop requested: finishing the pass in flight (at most {} s)", CLOSE_TIMEOUT.toSeconds());
                if (watcher != null) {
                    watcher.close();
                }
                worker.close();
                if (server != null) {
                    server.close();
                }
                adapters.close();
                metrics.close();
                log.info("stopped");
                env.out().flush();
                stopped.countDown();
            }
        };
        env.shutdown().onShutdown(stop);
        try {
            worker.start();
        } catch (IllegalStateException e) {
            if (!stopping.get()) {
                throw e;
            } // a signal came before the start: the stop already ran
        }
        log.info("reconciling host '{}' every {} s: state file {}, database {}, docker {}{}", s.hostUuid(),
                s.interval().toSeconds(), s.stateFile(), s.maskedDbUrl(), Redaction.mask(s.dockerHost()),
                (health == null ? "" : ", health and metrics on http://" + s.healthAddress() + ":" + health.port())
                        + (watcher != null ? ", and when the state file changes" : "")
                        + (followingDocker ? (watcher != null ? " or" : ", and when") + " a container changes "
                        + "(Docker's event stream)" : ""));

        boolean interrupted = false;
        while (true) {
            try {
                stopped.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                stop.run();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return OnceRun.OK;
    }

    /** With {@code --json}: {@code report} as one JSON line on stdout (exit_code: what --once would exit with). */
    private ReconcileReport printed(ReconcileReport report) {
        if (s.json()) {
            boolean ran = OnceRun.ran(report);
            ErrorCode error = ran ? null : new ErrorCode(report.failed() ? "database_failed" : "state_file_unreadable",
                    report.failed() ? Redaction.scrub(report.failure().message(), s.dbUrl())
                    : report.stateFile().summary());
            synchronized (env.out()) {
                env.out().println(ReportJson.render(report, ChangeDetail.statesOnly(report), s,
                        ran ? OnceRun.OK : OnceRun.ERROR, error));
                env.out().flush();
            }
        }
        return report;
    }

    private StateFileWatcher watch(Logger log, ReconcileWorker worker) {
        try {
            return StateFileWatcher.start(s.stateFile(), worker::trigger);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot watch the state file {} ({}); passes run every {} s only", s.stateFile(),
                    e.getMessage(), s.interval().toSeconds());
            return null;
        }
    }
}
