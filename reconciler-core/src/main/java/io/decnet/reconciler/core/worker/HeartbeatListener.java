package io.decnet.reconciler.core.worker;

/**
 * Port: receives the worker's status at the heartbeat interval (e.g. to publish it on DECNET's bus, or for a
 * supervisor that restarts a silent worker), once at start and once more when the worker has stopped. Called on
 * the worker's timer thread while a pass may be running on another; must return quickly. A listener that throws
 * is logged and ignored.
 */
@FunctionalInterface
public interface HeartbeatListener {

    void onHeartbeat(WorkerStatus status);
}
