package io.decnet.reconciler.docker.internal.watch;

import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.api.Printable;
import io.decnet.reconciler.api.RuntimeObservation;
import io.decnet.reconciler.api.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link ContainerView} current from what the stream thread queues, on the cache thread, without threads
 * of its own (so that tests drive it item by item).
 *
 * <ul>
 *   <li>{@link StreamItem.Connected}: the stream is open, so every event from now on is queued behind this item;
 *       the keeper lists the containers and replaces the view with the list. The events queued meanwhile are
 *       handled next, in order, on top of the list; only then is the batch published, as trustworthy for that
 *       connection. A failed list leaves the view untrusted and asks the stream to reconnect.</li>
 *   <li>{@link StreamItem.Event} of the trusted connection: applied. Events of another connection (an older one,
 *       or one whose rebuild failed) are dropped: the next rebuild's list covers them.</li>
 *   <li>{@link StreamItem.Disconnected} of the trusted connection: the view is no longer trusted.</li>
 *   <li>{@link #resync()}: a list call compared with the view (both brought forward by the events queued during
 *       the call); any container that differs is logged, counted and repaired from the list.</li>
 * </ul>
 *
 * <p>Not thread-safe: only the cache thread calls its methods, except the read-only accessors ({@link #snapshot()}
 * and the counters), which any thread may read.
 */
public final class ViewKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(ViewKeeper.class);
    /** How many differing containers a resync's warning names; the rest are counted. */
    private static final int NAMES_IN_WARNING = 20;

    /** What the keeper asks of the stream. */
    public interface StreamControl {
        /** Closes the stream of {@code generation}, if it is still the open one, so that it reconnects. */
        void restart(long generation, String reason);
    }

    private final Listing.Lister lister;
    private final StreamControl stream;
    private final Supplier<List<StreamItem>> drainQueued;
    private final TimeSource time;
    private final Duration resyncInterval;

    private ContainerView view = ContainerView.empty();
    private long trustedGeneration;
    private boolean dirty;
    private Map<String, ContainerStatus> published = Map.of();
    private long nextResyncNanos;
    /** Counted by a resync, made visible with the publication that shows its repairs. */
    private long resyncsToPublish;
    private long divergencesToPublish;

    private volatile Snapshot snapshot = Snapshot.NONE;
    private volatile long eventsApplied;
    private volatile long rebuilds;
    private volatile long resyncs;
    private volatile long divergences;
    private volatile Instant lastEventAt;
    private volatile String lastFailure;

    /**
     * @param lister makes the list calls of rebuilds and resyncs
     * @param stream the stream to restart when a list call fails
     * @param drainQueued takes every item queued so far (for resyncs), oldest first
     * @param time wall time of the last event, and monotonic time for resyncs
     * @param resyncInterval time between resyncs of a trusted view
     */
    public ViewKeeper(Listing.Lister lister, StreamControl stream, Supplier<List<StreamItem>> drainQueued,
            TimeSource time, Duration resyncInterval) {
        this.lister = Objects.requireNonNull(lister, "lister");
        this.stream = Objects.requireNonNull(stream, "stream");
        this.drainQueued = Objects.requireNonNull(drainQueued, "drainQueued");
        this.time = Objects.requireNonNull(time, "time");
        this.resyncInterval = Objects.requireNonNull(resyncInterval, "resyncInterval");
        this.nextResyncNanos = time.monotonicNanos() + resyncInterval.toNanos();
    }

    /** Handles one item; call {@link #publish()} after a batch. */
    public void handle(StreamItem item) {
        if (item instanceof StreamItem.Connected connected) {
            rebuild(connected.generation());
        } else if (item instanceof StreamItem.Event event) {
            if (event.generation() == trustedGeneration && trustedGeneration != 0) {
                apply(view, event.event());
            }
        } else if (item instanceof StreamItem.Disconnected disconnected) {
            lastFailure = disconnected.reason();
            if (disconnected.generation() == trustedGeneration) {
                trustedGeneration = 0;
                dirty = true;
            }
        } else if (item instanceof StreamItem.Command command) {
            command.action().accept(this);
        }
    }

    private void rebuild(long generation) {
        Listing listing = lister.list();
        if (listing instanceof Listing.Failed failed) {
            lastFailure = "rebuilding the view failed: " + failed.reason();
            if (trustedGeneration != 0) {
                trustedGeneration = 0;
                dirty = true;
            }
            stream.restart(generation, lastFailure);
            return;
        }
        view = ContainerView.of(((Listing.Listed) listing).byId());
        trustedGeneration = generation;
        dirty = true;
        rebuilds++;
        nextResyncNanos = time.monotonicNanos() + resyncInterval.toNanos();
    }

    private void apply(ContainerView target, ContainerEvent event) {
        if (target.apply(event)) {
            dirty = true;
        }
        eventsApplied++;
        lastEventAt = time.instant();
    }

    /**
     * Publishes the view if anything changed since the last publication; the names whose status changed (appeared,
     * vanished, changed state), or none while the view is not trusted (its changes are reported by the rebuild
     * that makes it trusted again, measured against what was last reported).
     */
    public Set<String> publish() {
        Set<String> changed = dirty ? publishView() : Set.of();
        dirty = false;
        if (resyncsToPublish != 0) {
            divergences += divergencesToPublish;
            resyncs += resyncsToPublish;
            divergencesToPublish = 0;
            resyncsToPublish = 0;
        }
        return changed;
    }

    private Set<String> publishView() {
        if (trustedGeneration == 0) {
            snapshot = new Snapshot(snapshot.observation(), 0);
            return Set.of();
        }
        Map<String, ContainerStatus> names = view.byName();
        Set<String> changed = ContainerView.changedNames(published, names);
        published = names;
        snapshot = new Snapshot(RuntimeObservation.observed(names), trustedGeneration);
        return changed;
    }

    /** Whether a resync is due: the view is trusted and the interval since the last rebuild or resync is over. */
    public boolean resyncDue() {
        return trustedGeneration != 0 && time.monotonicNanos() - nextResyncNanos >= 0;
    }

    /** Nanoseconds until the next resync is due (never negative); {@link Long#MAX_VALUE} while untrusted. */
    public long nanosUntilResync() {
        return trustedGeneration == 0 ? Long.MAX_VALUE : Math.max(0, nextResyncNanos - time.monotonicNanos());
    }

    /**
     * Lists the containers and compares them with the view. Both are brought forward by the events queued during
     * the list call before they are compared, so a container that changed meanwhile is no divergence. (One whose
     * event was still on its way when the queue was drained can still be counted; the repair is then right all the
     * same, as the event follows.) Does nothing unless the view is trusted.
     */
    public void resync() {
        long generation = trustedGeneration;
        if (generation == 0) {
            return;
        }
        nextResyncNanos = time.monotonicNanos() + resyncInterval.toNanos();
        Listing listing = lister.list();
        if (listing instanceof Listing.Failed failed) {
            lastFailure = "resync failed: " + failed.reason();
            trustedGeneration = 0;
            dirty = true;
            stream.restart(generation, lastFailure);
            return;
        }
        ContainerView fresh = ContainerView.of(((Listing.Listed) listing).byId());
        List<StreamItem> pending = drainQueued.get();
        int i = 0;
        for (; i < pending.size() && pending.get(i) instanceof StreamItem.Event event; i++) {
            if (event.generation() == generation) {
                apply(view, event.event());
                fresh.apply(event.event());
            }
        }
        if (i == pending.size()) {
            compareAndRepair(fresh);
        }
        // A connection ended or a command came during the list call: this resync compares nothing; handle the rest.
        for (; i < pending.size(); i++) {
            handle(pending.get(i));
        }
    }

    private void compareAndRepair(ContainerView fresh) {
        Map<String, ContainerStatus> mine = view.byName();
        Map<String, ContainerStatus> theirs = fresh.byName();
        Set<String> diverged = ContainerView.changedNames(mine, theirs);
        resyncsToPublish++;
        if (diverged.isEmpty()) {
            LOG.debug("resync: the event-fed view of {} containers matches the daemon's list", theirs.size());
            return;
        }
        divergencesToPublish += diverged.size();
        LOG.warn("resync: the event-fed view differed from the daemon's list in {} container(s), repaired: {}",
                diverged.size(), describe(diverged, mine, theirs));
        view = fresh;
        dirty = true;
    }

    private static String describe(Set<String> names, Map<String, ContainerStatus> mine,
            Map<String, ContainerStatus> theirs) {
        String listed = names.stream().sorted().limit(NAMES_IN_WARNING)
                .map(n -> Printable.quoted(n) + " (view " + state(mine.get(n)) + ", docker " + state(theirs.get(n))
                        + ")")
                .collect(Collectors.joining(", "));
        return names.size() > NAMES_IN_WARNING ? listed + " and " + (names.size() - NAMES_IN_WARNING) + " more"
                : listed;
    }

    private static String state(ContainerStatus status) {
        return status == null ? "absent" : Printable.of(status.value());
    }

    /** Test seam: makes the view say {@code status} for {@code name}, as a lost event would. */
    public void plant(String name, ContainerStatus status) {
        view.plant(name, status);
        dirty = true;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public long eventsApplied() {
        return eventsApplied;
    }

    public long rebuilds() {
        return rebuilds;
    }

    /** Resyncs completed, as of the last publication. */
    public long resyncs() {
        return resyncs;
    }

    public long divergences() {
        return divergences;
    }

    public Optional<Instant> lastEventAt() {
        return Optional.ofNullable(lastEventAt);
    }

    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }
}
