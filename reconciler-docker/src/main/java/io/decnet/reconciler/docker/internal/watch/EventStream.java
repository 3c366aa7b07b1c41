package io.decnet.reconciler.docker.internal.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.transport.DockerHttpClient;
import io.decnet.reconciler.api.TimeSource;
import io.decnet.reconciler.docker.internal.FailureReasons;
import io.decnet.reconciler.docker.internal.InspectorSettings;
import io.decnet.reconciler.docker.internal.MalformedReplyException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream thread's work: holds {@code GET /events} (container events, with the inspector's label filters) open
 * and queues what it reads, in order, for the cache thread; reconnects with {@link Backoff} when the stream breaks.
 *
 * <p>Each connection is a transport of its own, without the response timeout of list calls (a quiet daemon sends
 * nothing for hours), closed with the connection. The stream asks for the events of the last
 * {@value #REPLAY_SECONDS} s too ({@code since}): the daemon sends its headers before it subscribes the stream to
 * new events, and the replayed ones close that gap; replaying an event the list already reflects changes nothing
 * (see {@link ContainerView}).
 *
 * <p>Thread-safe: {@link #run()} on one thread; the other methods from any.
 */
public final class EventStream implements Runnable, ViewKeeper.StreamControl {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    static final int REPLAY_SECONDS = 5;
    private static final int MAX_EVENT_BYTES = 1024 * 1024;
    private static final int MAX_ERROR_BODY_BYTES = 4096;

    private final InspectorSettings settings;
    private final Supplier<DockerHttpClient> transports;
    private final BlockingQueue<StreamItem> queue;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final TimeSource time;
    private final ObjectMapper json = new ObjectMapper();

    private final AtomicLong connections = new AtomicLong();
    private volatile long liveGeneration;
    private volatile long connectingSinceNanos;
    private volatile boolean closed;
    private volatile Thread thread;
    private volatile DockerHttpClient currentTransport;
    private volatile DockerHttpClient.Response currentResponse;
    /** Why the connection was closed on purpose ({@link #abort}), as its failure's reason; null otherwise. */
    private volatile String abortReason;
    private long generations;
    private long openedNanos;

    /**
     * @param transports makes a fresh transport for each connection
     * @param queue where items go, in order; an event that does not fit ends the connection (the cache thread is
     *     that far behind, and the daemon drops events for a reader that stops reading)
     */
    public EventStream(InspectorSettings settings, Supplier<DockerHttpClient> transports,
            BlockingQueue<StreamItem> queue, Backoff backoff, RandomGenerator random, TimeSource time) {
        this.settings = settings;
        this.transports = transports;
        this.queue = queue;
        this.backoff = backoff;
        this.random = random;
        this.time = time;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        int attempt = 0;
        boolean outage = false;
        while (!closed) {
            long generation = ++generations;
            openedNanos = 0;
            String reason = connectAndRead(generation);
            if (closed || !put(new StreamItem.Disconnected(generation, reason, time.monotonicNanos()))) {
                return;
            }
            boolean opened = openedNanos != 0;
            if (opened && time.monotonicNanos() - openedNanos >= backoff.max().toNanos()) {
                attempt = 0; // a connection that held for a while starts the backoff over
            }
            Duration delay = backoff.delay(attempt, random);
            attempt = Math.min(attempt + 1, 62);
            outage = outage && !opened;
            if (outage) {
                LOG.debug("docker event stream from {} still down: {}; next attempt in {} ms", settings.endpoint(),
                        reason, delay.toMillis());
            } else {
                LOG.warn("docker event stream from {} lost: {}; reconnecting in {} ms", settings.endpoint(), reason,
                        delay.toMillis());
            }
            outage = true;
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One connection: opens it, queues what it reads until it ends; why it ended. */
    private String connectAndRead(long generation) {
        DockerHttpClient transport = transports.get();
        abortReason = null;
        currentTransport = transport;
        connectingSinceNanos = time.monotonicNanos();
        try {
            if (closed) {
                return "closed";
            }
            DockerHttpClient.Response response = transport.execute(request());
            currentResponse = response;
            try (response) {
                if (response.getStatusCode() != 200) {
                    throw new DockerException(errorBody(response.getBody()), response.getStatusCode());
                }
                connectingSinceNanos = 0;
                openedNanos = time.monotonicNanos();
                liveGeneration = generation;
                long n = connections.incrementAndGet();
                if (n > 1) {
                    LOG.info("docker event stream from {} connected again", settings.endpoint());
                }
                if (!put(new StreamItem.Connected(generation, time.monotonicNanos()))) {
                    return "closed";
                }
                return read(generation, response.getBody());
            }
        } catch (RuntimeException | IOException e) {
            String aborted = abortReason;
            return closed ? "closed" : aborted != null ? aborted : FailureReasons.describe(settings, e);
        } finally {
            liveGeneration = 0;
            connectingSinceNanos = 0;
            currentResponse = null;
            currentTransport = null;
            closeQuietly(transport);
        }
    }

    private String read(long generation, InputStream body) throws IOException {
        LineReader lines = new LineReader(body, MAX_EVENT_BYTES);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            Optional<ContainerEvent> event;
            try {
                event = ContainerEvent.parse(json.readTree(line));
            } catch (JsonProcessingException e) {
                throw new MalformedReplyException("an event is not JSON: " + e.getOriginalMessage());
            }
            if (event.isPresent() && !queue.offer(new StreamItem.Event(generation, event.get(),
                    time.monotonicNanos()))) {
                return "the event cache fell behind by " + queue.size() + " events";
            }
        }
        return "docker daemon at " + settings.endpoint() + " closed the event stream";
    }

    private DockerHttpClient.Request request() {
        ObjectNode filters = json.createObjectNode();
        filters.putArray("type").add("container");
        if (!settings.labelFilters().isEmpty()) {
            settings.labelFilters().forEach(filters.putArray("label")::add);
        }
        Instant since = time.instant().minusSeconds(REPLAY_SECONDS);
        String path = "/events?since=" + since.getEpochSecond() + "." + String.format("%09d", since.getNano())
                + "&filters=" + URLEncoder.encode(filters.toString(), StandardCharsets.UTF_8);
        return DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET).path(path).build();
    }

    private static String errorBody(InputStream body) {
        try {
            return new String(body.readNBytes(MAX_ERROR_BODY_BYTES), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private boolean put(StreamItem item) {
        try {
            queue.put(item);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The connection whose events are flowing now, or 0 while there is none. */
    public long liveGeneration() {
        return liveGeneration;
    }

    /** Connections opened so far (the first one included). */
    public long connections() {
        return connections.get();
    }

    @Override
    public void restart(long generation, String reason) {
        if (generation == liveGeneration && generation != 0) {
            LOG.info("reconnecting the docker event stream from {}: {}", settings.endpoint(), reason);
            abort(reason);
        }
    }

    /** Ends the connection being opened if the daemon has not answered within {@code deadline}. */
    public void abortConnectingLongerThan(Duration deadline) {
        long since = connectingSinceNanos;
        if (since != 0 && time.monotonicNanos() - since > deadline.toNanos()) {
            LOG.debug("the docker event stream from {} did not open within {}", settings.endpoint(), deadline);
            abort("docker daemon at " + settings.endpoint() + " did not open the event stream within " + deadline
                    .toMillis() + " ms");
        }
    }

    /**
     * Closes the current connection (restarts, and a test seam), giving {@code reason} as why it ended; the stream
     * reconnects after its backoff.
     */
    public void abort(String reason) {
        abortReason = reason;
        DockerHttpClient.Response response = currentResponse;
        if (response != null) {
            response.close();
        }
        DockerHttpClient transport = currentTransport;
        if (transport != null) {
            closeQuietly(transport);
        }
    }

    /** Ends the stream for good: closes the connection and stops the thread. Idempotent. */
    public void close() {
        closed = true;
        abort("closed");
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    private static void closeQuietly(DockerHttpClient transport) {
        try {
            transport.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing an event stream transport failed", e);
        }
    }
}
