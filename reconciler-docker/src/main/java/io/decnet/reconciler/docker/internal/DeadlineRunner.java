package io.decnet.reconciler.docker.internal;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a blocking call on one worker thread and gives up on it at a deadline.
 *
 * <p>Why: docker-java reads a unix socket through a blocking {@link java.nio.channels.SocketChannel}, on which
 * the transport's socket timeout has no effect, so a daemon that accepts a connection and never answers would
 * block the caller forever. At the deadline the worker is interrupted, which closes such a channel and unwinds
 * the call; for TCP the transport's own socket timeouts end it.
 *
 * <p>One worker, started on demand from the given factory and let go after a minute idle; at most
 * {@value #QUEUE} calls wait behind it, further ones are rejected at once, so a worker stuck beyond the interrupt
 * can never pile up callers or threads.
 *
 * <p>Thread-safe.
 */
public final class DeadlineRunner implements AutoCloseable {
    private static final int QUEUE = 4;

    private final ThreadPoolExecutor executor;

    public DeadlineRunner(ThreadFactory threadFactory) {
        executor = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), threadFactory,
                new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs {@code call} and waits at most {@code deadline} for its result.
     *
     * @throws TimeoutException the call did not finish in time (it has been interrupted)
     * @throws ExecutionException the call threw
     * @throws RejectedExecutionException earlier calls are still queued, or this runner is closed
     * @throws InterruptedException the caller was interrupted while waiting (the call has been interrupted)
     */
    public <T> T run(Callable<T> call, Duration deadline)
            throws TimeoutException, ExecutionException, InterruptedException {
        Future<T> future = executor.submit(call);
        try {
            return future.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    /** Interrupts a call in flight and lets the worker go, without waiting for it. Idempotent. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** Whether the worker has ended after {@link #close()}, waiting at most {@code grace}. */
    public boolean awaitTermination(Duration grace) throws InterruptedException {
        return executor.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS);
    }
}
