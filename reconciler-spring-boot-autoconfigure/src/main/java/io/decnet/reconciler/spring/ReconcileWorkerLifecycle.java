package io.decnet.reconciler.spring;

import io.decnet.reconciler.core.worker.ReconcileWorker;
import io.decnet.reconciler.core.worker.WorkerStatus;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the {@link ReconcileWorker} once the application context has started (the first pass runs then) and
 * stops it when the context closes: no new pass starts, the pass in flight finishes (up to the worker's close
 * timeout, 30 s by default), before the beans it uses are closed. It runs in the last phase, so it starts after
 * and stops before the web server and everything else. A worker does not restart: a stopped context is not started
 * again. Thread-safe.
 */
public final class ReconcileWorkerLifecycle implements SmartLifecycle {
    private final ReconcileWorker worker;

    public ReconcileWorkerLifecycle(ReconcileWorker worker) {
        this.worker = worker;
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.close();
    }

    @Override
    public boolean isRunning() {
        WorkerStatus.State state = worker.status().state();
        return state == WorkerStatus.State.RUNNING || state == WorkerStatus.State.STOPPING;
    }
}
