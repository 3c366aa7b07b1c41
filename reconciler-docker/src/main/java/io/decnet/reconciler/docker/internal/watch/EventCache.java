package io.decnet.reconciler.docker.internal.watch;

import com.github.dockerjava.transport.DockerHttpClient;
import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.api.RuntimeObservation;
import io.decnet.reconciler.docker.internal.ContainerList;
import io.decnet.reconciler.docker.internal.DockerObserver;
import io.decnet.reconciler.docker.internal.InspectorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event-fed container cache: a stream thread ({@link EventStream}) reads the daemon's events into a queue; a
 * cache thread drains it in batches into a {@link ViewKeeper}, publishes each batch as one immutable snapshot,
 * resyncs on schedule and tells the change listeners. {@link #observe()} hands out the snapshot while it can be
 * trusted and makes one list call otherwise.
 *
 * <p>The snapshot is trusted when it was rebuilt for the connection that is open now and nothing has waited in the
 * queue longer than the lag threshold. So it is not trusted before the first rebuild, from the moment the stream
 * breaks until the rebuild after the reconnect, after a failed resync, and while the cache thread is behind.
 *
 * <p>Thread-safe.
 */
public final class EventCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventCache.class);
    /** The cache thread wakes at least this often (to end a stream that does not open, and to resync on time). */
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int MAX_BATCH = 10_000;
    private static final int QUEUE_CAPACITY = 200_000;

    private final DockerObserver observer;
    private final InspectorSettings settings;
    private final WatchSettings watch;
    private final BlockingQueue<StreamItem> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final EventStream stream;
    private final ViewKeeper keeper;
    private final List<Consumer<Set<String>>> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder fallbacks = new LongAdder();
    private final Thread streamThread;
    private final Thread cacheThread;
    private volatile boolean closed;

    private EventCache(DockerObserver observer, InspectorSettings settings, WatchSettings watch) {
        this.observer = observer;
        this.settings = settings;
        this.watch = watch;
        this.stream = new EventStream(settings, this::streamTransport, queue, watch.backoff(), watch.random(),
                watch.time());
        this.keeper = new ViewKeeper(this::list, stream, this::drainQueued, watch.time(), watch.resyncInterval());
        this.streamThread = thread(stream, "event-stream");
        this.cacheThread = thread(this::cacheLoop, "event-cache");
    }

    /** Starts the two threads; the first rebuild follows as soon as the stream opens. */
    public static EventCache start(DockerObserver observer, InspectorSettings settings, WatchSettings watch) {
        EventCache cache = new EventCache(observer, settings, watch);
        cache.cacheThread.start();
        cache.streamThread.start();
        return cache;
    }

    private Thread thread(Runnable work, String role) {
        Thread t = settings.threadFactory().newThread(work);
        t.setName(t.getName() + "-" + role);
        return t;
    }

    /** A fresh transport per stream connection: no response timeout (the stream is quiet for hours at a time). */
    private DockerHttpClient streamTransport() {
        DockerHttpClient transport = settings.transport().maxConnections(1).build();
        return settings.httpClientDecorator().apply(transport);
    }

    private Listing list() {
        ContainerList list = observer.list();
        if (list instanceof ContainerList.Listed listed) {
            return new Listing.Listed(ContainerView.entriesOf(listed.containers()));
        }
        return new Listing.Failed(((ContainerList.Failed) list).reason());
    }

    private List<StreamItem> drainQueued() {
        List<StreamItem> items = new ArrayList<>();
        queue.drainTo(items);
        return items;
    }

    private void cacheLoop() {
        List<StreamItem> batch = new ArrayList<>();
        while (!closed) {
            try {
                StreamItem first = queue.poll(Math.min(TICK_NANOS, keeper.nanosUntilResync()), TimeUnit.NANOSECONDS);
                stream.abortConnectingLongerThan(settings.deadline());
                if (first != null) {
                    keeper.handle(first);
                    int handled = 1;
                    while (handled < MAX_BATCH && queue.drainTo(batch, MAX_BATCH - handled) > 0) {
                        handled += batch.size();
                        batch.forEach(keeper::handle);
                        batch.clear();
                    }
                }
                if (keeper.resyncDue() && !closed) {
                    keeper.resync();
                }
                notifyListeners(keeper.publish());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // A bug, not a daemon failure: start over from a fresh list rather than keep a view of unknown worth.
                LOG.error("the docker event cache failed; rebuilding it", e);
                batch.clear();
                stream.restart(stream.liveGeneration(), "the event cache failed: " + e);
            }
        }
    }

    private void notifyListeners(Set<String> changed) {
        if (changed.isEmpty()) {
            return;
        }
        for (Consumer<Set<String>> listener : listeners) {
            try {
                listener.accept(changed);
            } catch (RuntimeException e) {
                LOG.warn("a container change listener failed: {}", e.toString(), e);
            }
        }
    }

    /** The view if it can be trusted now; else one list call, exactly as without the cache. */
    public RuntimeObservation observe() {
        Snapshot snapshot = keeper.snapshot();
        if (trusted(snapshot)) {
            return snapshot.observation();
        }
        fallbacks.increment();
        return observer.observe();
    }

    private boolean trusted(Snapshot snapshot) {
        return !closed && snapshot.generation() != 0 && snapshot.generation() == stream.liveGeneration()
                && !lagging();
    }

    private boolean lagging() {
        StreamItem oldest = queue.peek();
        return oldest != null
                && watch.time().monotonicNanos() - oldest.queuedNanos() > watch.lagThreshold().toNanos();
    }

    /** Calls {@code listener} on the cache thread with the names that changed, after each change is published. */
    public void onChange(Consumer<Set<String>> listener) {
        listeners.add(listener);
    }

    public boolean connected() {
        return stream.liveGeneration() != 0;
    }

    public boolean trustworthy() {
        return trusted(keeper.snapshot());
    }

    public int containers() {
        return keeper.snapshot().size();
    }

    public long eventsApplied() {
        return keeper.eventsApplied();
    }

    /** Connections opened after the first. */
    public long reconnects() {
        return Math.max(0, stream.connections() - 1);
    }

    public long resyncs() {
        return keeper.resyncs();
    }

    public long divergences() {
        return keeper.divergences();
    }

    public long fallbacks() {
        return fallbacks.sum();
    }

    public Optional<Instant> lastEventAt() {
        return keeper.lastEventAt();
    }

    public Optional<String> lastFailure() {
        return keeper.lastFailure();
    }

    /** Test seam: closes the stream's connection, as a network failure would; it reconnects after its backoff. */
    public void dropStream() {
        stream.abort("the event stream was dropped on purpose (test seam)");
    }

    /** Test seam: the view says {@code status} for container {@code name}, as if an event had been lost. */
    public void plant(String name, ContainerStatus status) {
        command("plant", k -> k.plant(name, status));
    }

    /** Test seam: a resync now rather than when due. */
    public void resyncNow() {
        command("resync", ViewKeeper::resync);
    }

    private void command(String what, Consumer<ViewKeeper> action) {
        if (!queue.offer(new StreamItem.Command(what, action, watch.time().monotonicNanos()))) {
            throw new IllegalStateException("the event cache's queue is full");
        }
    }

    /** Ends the stream (closing its connection) and both threads, without waiting for them. Idempotent. */
    @Override
    public void close() {
        closed = true;
        stream.close();
        cacheThread.interrupt();
    }

    /** Whether both threads have ended, waiting at most {@code grace} (for tests). */
    public boolean awaitTermination(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread t : List.of(streamThread, cacheThread)) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        return !streamThread.isAlive() && !cacheThread.isAlive();
    }
}
