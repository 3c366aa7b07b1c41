package io.decnet.reconciler.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.api.RuntimeInspector;
import io.decnet.reconciler.api.RuntimeObservation;
import io.decnet.reconciler.api.TimeSource;
import io.decnet.reconciler.docker.internal.DockerEndpoint;
import io.decnet.reconciler.docker.internal.DockerEnvironment;
import io.decnet.reconciler.docker.internal.DockerObserver;
import io.decnet.reconciler.docker.internal.InspectorSettings;
import io.decnet.reconciler.docker.internal.TlsMaterial;
import io.decnet.reconciler.docker.internal.watch.Backoff;
import io.decnet.reconciler.docker.internal.watch.EventCache;
import io.decnet.reconciler.docker.internal.watch.WatchSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * A {@link RuntimeInspector} on a Docker daemon: each {@link #observe()} makes one list call (all containers,
 * stopped ones included) and returns every container by name ({@code <decky>-<service>}, without Docker's leading
 * {@code /}) with Docker's {@code State}.
 *
 * <p>{@link #observe()} never throws and never blocks longer than {@code connectTimeout + responseTimeout}: a
 * daemon that is down, a missing socket, refused permission, a TLS failure, an HTTP error, a malformed reply or a
 * daemon that accepts the connection and never answers all come back as {@link RuntimeObservation.Unreachable}
 * with a short reason, e.g. {@code docker daemon at unix:///var/run/docker.sock unreachable: connection refused}.
 * Each observation uses a fresh connection that is closed with its reply; nothing stays open in between.
 *
 * <pre>{@code
 * try (DockerRuntimeInspector docker = DockerRuntimeInspector.fromEnvironment()) {
 *     RuntimeObservation seen = docker.observe();
 * }
 * DockerRuntimeInspector remote = DockerRuntimeInspector.builder()
 *         .dockerHost("tcp://10.0.0.5:2376").tls(Path.of("/etc/decnet/docker-certs"))
 *         .responseTimeout(Duration.ofSeconds(10))
 *         .build();
 * }</pre>
 *
 * <h2>Event-fed</h2>
 * With {@link Builder#watchEvents(boolean) watchEvents(true)} the inspector keeps a view of the containers current
 * from the daemon's event stream instead, and {@link #observe()} hands out that view: no request, and the same
 * immutable observation object until the next change. The stream is opened first, then the containers are listed,
 * then the events that arrived meanwhile are applied on top of the list; the view is rebuilt that way after every
 * reconnect, so events missed while the stream was down cannot leave it wrong. Reconnects back off exponentially
 * with jitter ({@link Builder#reconnectBackoff}); every {@link Builder#resyncInterval resync interval} a list call
 * is compared with the view, and any difference is logged (WARN), counted and repaired.
 *
 * <p>Whenever the view cannot be trusted (not yet built, stream broken, reconnected but not yet rebuilt, a failed
 * resync, or events waiting more than a second to be applied) {@link #observe()} makes one list call, exactly as
 * without events; so an unreachable daemon is still {@link RuntimeObservation.Unreachable}, never an old view
 * presented as observed. {@link #onChange} tells an embedder when containers changed (to start a pass at once);
 * {@link #cacheStatus()} gives the counters for health checks and metrics.
 *
 * <pre>{@code
 * DockerRuntimeInspector docker = DockerRuntimeInspector.builder()
 *         .environment(System.getenv())
 *         .watchEvents(true)
 *         .resyncInterval(Duration.ofMinutes(5))
 *         .build();
 * docker.onChange(names -> worker.wakeUp());   // returns at once; the pass runs on the worker's thread
 * RuntimeObservation seen = docker.observe();  // from the view, or one list call while it is not trustworthy
 * docker.cacheStatus().ifPresent(status -> log.info("{}", status));
 * }</pre>
 * The event-fed inspector runs two more threads from the builder's thread factory for as long as it is open (their
 * names end in {@code -event-stream} and {@code -event-cache}) and holds one connection open: the stream.
 *
 * <p>Thread-safe. Observations run one at a time on one worker thread (made by the builder's
 * {@link Builder#threadFactory thread factory}, released after a minute idle); {@link #close()} interrupts an
 * observation in flight and releases everything (the event stream's threads and connection too), after which
 * {@link #observe()} reports the inspector as closed.
 */
public final class DockerRuntimeInspector implements RuntimeInspector, AutoCloseable {
    private final DockerObserver observer;
    /** The event-fed cache, or null without {@link Builder#watchEvents(boolean) watchEvents(true)}. */
    private final EventCache cache;

    private DockerRuntimeInspector(DockerObserver observer, EventCache cache) {
        this.observer = observer;
        this.cache = cache;
    }

    /**
     * An inspector configured the way the docker CLI configures itself: {@code DOCKER_HOST} (default
     * {@code unix:///var/run/docker.sock}), {@code DOCKER_TLS_VERIFY} (any non-empty value: TLS, verifying the
     * daemon's certificate) and {@code DOCKER_CERT_PATH} (default {@code ~/.docker}); default timeouts.
     *
     * @throws IllegalArgumentException when those variables are unusable (the message names the variable)
     */
    public static DockerRuntimeInspector fromEnvironment() {
        return builder().environment(System.getenv()).build();
    }

    /** A builder; without any setting it targets {@code unix:///var/run/docker.sock}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * One observation of every container: one list call; or, when {@link Builder#watchEvents(boolean) watching
     * events}, the event-fed view while it is trustworthy (no request) and one list call while it is not.
     */
    @Override
    public RuntimeObservation observe() {
        return cache != null ? cache.observe() : observer.observe();
    }

    /**
     * Calls {@code listener} whenever the event-fed view changed; see {@link ContainerChangeListener} for when and on
     * which thread (briefly: on the cache thread, which it must not hold up).
     *
     * @throws IllegalStateException this inspector was not built with {@code watchEvents(true)}
     */
    public void onChange(ContainerChangeListener listener) {
        Objects.requireNonNull(listener, "listener");
        requireCache("onChange").onChange(listener::containersChanged);
    }

    /** The event cache's state and counters now; empty when this inspector does not watch events. */
    public Optional<EventCacheStatus> cacheStatus() {
        if (cache == null) {
            return Optional.empty();
        }
        return Optional.of(new EventCacheStatus(cache.connected(), cache.trustworthy(), cache.containers(),
                cache.eventsApplied(), cache.reconnects(), cache.resyncs(), cache.divergences(), cache.fallbacks(),
                cache.lastEventAt(), cache.lastFailure()));
    }

    /** Test seam: closes the event stream's connection as a network failure would; it reconnects by itself. */
    void dropEventStream() {
        requireCache("dropEventStream").dropStream();
    }

    /** Test seam: makes the event-fed view say {@code status} for container {@code name}, as a lost event would. */
    void plantInView(String name, ContainerStatus status) {
        requireCache("plantInView").plant(name, status);
    }

    /** Test seam: a resync now rather than at the next interval. */
    void resyncNow() {
        requireCache("resyncNow").resyncNow();
    }

    private EventCache requireCache(String what) {
        if (cache == null) {
            throw new IllegalStateException(what + " needs an inspector that watches events; build it with "
                    + "DockerRuntimeInspector.builder().watchEvents(true)");
        }
        return cache;
    }

    /** The daemon observed, e.g. {@code unix:///var/run/docker.sock} or {@code tcp://10.0.0.5:2376}. */
    public URI dockerHost() {
        return observer.endpoint().uri();
    }

    /**
     * Interrupts an observation in flight and releases the worker thread and the transport, and the event stream's
     * connection and threads (without waiting for them to end). Idempotent.
     */
    @Override
    public void close() {
        if (cache != null) {
            cache.close();
        }
        observer.close();
    }

    @Override
    public String toString() {
        return "DockerRuntimeInspector[" + observer.endpoint() + "]";
    }

    /**
     * Configures a {@link DockerRuntimeInspector}; {@link #build()} validates everything and names what is wrong.
     * Settings made explicitly win over those read by {@link #environment(Map)}, whatever the call order.
     *
     * <p>Not thread-safe; build once and share the inspector.
     */
    public static final class Builder {
        static final int DEFAULT_CONNECT_SECONDS = 3;
        static final int DEFAULT_RESPONSE_SECONDS = 5;
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(DEFAULT_CONNECT_SECONDS);
        public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(DEFAULT_RESPONSE_SECONDS);
        /** Time between resyncs of the event-fed view with a list call, by default. */
        public static final Duration DEFAULT_RESYNC_INTERVAL = Duration.ofMinutes(5);
        /** The event stream's first reconnect waits between half and all of this, by default. */
        public static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofMillis(100);
        /** Reconnect delays double up to this, by default. */
        public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(30);
        /** Events waiting longer than this to be applied make the view untrustworthy. */
        static final Duration LAG_THRESHOLD = Duration.ofSeconds(1);
        static final Duration MIN_RESYNC = Duration.ofSeconds(1);
        static final Duration MAX_RESYNC = Duration.ofHours(24);
        static final Duration MIN_TIMEOUT = Duration.ofMillis(1);
        static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

        private DockerEnvironment environment;
        private String dockerHost;
        private Path tlsCertPath;
        private Boolean tlsVerify;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
        private final List<String> labelFilters = new ArrayList<>();
        private ThreadFactory threadFactory;
        private UnaryOperator<DockerHttpClient> httpClientDecorator = UnaryOperator.identity();
        private boolean watchEvents;
        private Duration resyncInterval;
        private Duration backoffInitial;
        private Duration backoffMax;
        private TimeSource timeSource = TimeSource.system();
        private RandomGenerator random;

        private Builder() {
        }

        /**
         * Reads {@code DOCKER_HOST}, {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH} from {@code env} (e.g.
         * {@code System.getenv()}) as defaults for {@link #dockerHost}, {@link #tlsVerify} and {@link #tls}.
         * {@code DOCKER_CONTEXT} naming a context other than {@code default} is rejected at {@link #build()}
         * unless {@code DOCKER_HOST} is set: contexts are not supported.
         */
        public Builder environment(Map<String, String> env) {
            this.environment = DockerEnvironment.of(Objects.requireNonNull(env, "env"),
                    System.getProperty("user.home", "/root"));
            return this;
        }

        /** {@code unix:///path/to/docker.sock}, {@code tcp://host:port} (2375, or 2376 with TLS, if omitted). */
        public Builder dockerHost(String dockerHost) {
            this.dockerHost = dockerHost;
            return this;
        }

        /** As {@link #dockerHost(String)}. */
        public Builder dockerHost(URI dockerHost) {
            return dockerHost(Objects.requireNonNull(dockerHost, "dockerHost").toString());
        }

        /** The daemon's unix socket, e.g. {@code /var/run/docker.sock}. */
        public Builder unixSocket(Path socket) {
            return dockerHost("unix://" + Objects.requireNonNull(socket, "socket").toAbsolutePath());
        }

        /**
         * Use TLS with the material in {@code certPath} (the docker CLI's layout: {@code ca.pem}, and
         * {@code cert.pem} with {@code key.pem} when the daemon wants a client certificate), verifying the daemon's
         * certificate against {@code ca.pem}. Only for {@code tcp://} hosts.
         */
        public Builder tls(Path certPath) {
            this.tlsCertPath = Objects.requireNonNull(certPath, "certPath");
            this.tlsVerify = Boolean.TRUE;
            return this;
        }

        /**
         * {@code true}: TLS, verifying the daemon's certificate (like {@code DOCKER_TLS_VERIFY}), with the
         * material of {@link #tls(Path)} or else {@code DOCKER_CERT_PATH} or {@code ~/.docker}. {@code false}:
         * plain TCP. There is deliberately no TLS-without-verification mode.
         */
        public Builder tlsVerify(boolean verify) {
            this.tlsVerify = verify;
            return this;
        }

        /** Bound on establishing a connection; default {@value #DEFAULT_CONNECT_SECONDS} s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * Bound on waiting for the daemon's whole reply once connected; default {@value #DEFAULT_RESPONSE_SECONDS} s.
         */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = timeout;
            return this;
        }

        /**
         * Observe only containers labelled {@code key=value} (for hosts that run many containers besides the
         * fleet). May be given several times: all must match. Containers without the label are then invisible,
         * so a decky whose containers lack it reads as torn down: label every decky container.
         */
        public Builder labelFilter(String key, String value) {
            labelFilters.add(checkLabelKey(key) + "=" + Objects.requireNonNull(value, "label value"));
            return this;
        }

        /** Observe only containers that carry label {@code key}, whatever its value; see {@link #labelFilter}. */
        public Builder labelFilter(String key) {
            labelFilters.add(checkLabelKey(key));
            return this;
        }

        /**
         * Where the worker thread comes from, and with {@link #watchEvents(boolean)} the event stream's two threads
         * (whose names get {@code -event-stream} and {@code -event-cache} appended); default: daemon threads named
         * {@code docker-inspector-N}.
         */
        public Builder threadFactory(ThreadFactory factory) {
            this.threadFactory = Objects.requireNonNull(factory, "threadFactory");
            return this;
        }

        /**
         * {@code true}: keep a view of the containers current from the daemon's event stream and observe from it
         * (see the class description); {@code false} (the default): one list call per observation.
         */
        public Builder watchEvents(boolean watch) {
            this.watchEvents = watch;
            return this;
        }

        /**
         * How often the event-fed view is compared with a list call (and repaired where it differs); default
         * {@link #DEFAULT_RESYNC_INTERVAL 5 minutes}, from 1 s to 24 h. Only with {@link #watchEvents(boolean)}.
         */
        public Builder resyncInterval(Duration interval) {
            this.resyncInterval = Objects.requireNonNull(interval, "resyncInterval");
            return this;
        }

        /**
         * Delays between attempts to reopen the event stream: the first between half and all of {@code initial},
         * each next one twice as long, up to {@code max} (default 100 ms and 30 s; each from 1 ms to 10 min). A
         * connection that held for {@code max} or longer starts over at {@code initial}. Only with
         * {@link #watchEvents(boolean)}.
         */
        public Builder reconnectBackoff(Duration initial, Duration max) {
            this.backoffInitial = Objects.requireNonNull(initial, "initial");
            this.backoffMax = Objects.requireNonNull(max, "max");
            return this;
        }

        /**
         * Where the event cache takes time from (its lag, its resync schedule, the time of the last event); default
         * the system's.
         */
        public Builder timeSource(TimeSource time) {
            this.timeSource = Objects.requireNonNull(time, "timeSource");
            return this;
        }

        /** Test seam: the jitter of the reconnect backoff. */
        Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Test seam: wraps the transport, e.g. to count requests. */
        Builder decorateHttpClient(UnaryOperator<DockerHttpClient> decorator) {
            this.httpClientDecorator = Objects.requireNonNull(decorator, "decorator");
            return this;
        }

        /**
         * Validates the settings and builds the inspector. Connects to nothing: an unreachable daemon is an
         * observation, not a build error.
         *
         * @throws IllegalArgumentException naming the setting, what is allowed and the value given
         */
        public DockerRuntimeInspector build() {
            checkTimeout("connectTimeout", connectTimeout);
            checkTimeout("responseTimeout", responseTimeout);
            boolean fromEnvHost = dockerHost == null && environment != null && environment.hostIsSet();
            if (dockerHost == null && environment != null && !environment.hostIsSet()
                    && environment.nonDefaultContext().isPresent()) {
                throw new IllegalArgumentException("DOCKER_CONTEXT '" + environment.nonDefaultContext().get()
                        + "' is not supported; set DOCKER_HOST (or dockerHost) to the daemon's address instead");
            }
            boolean explicitTls = tlsVerify != null;
            boolean tls = explicitTls ? tlsVerify : environment != null && environment.tlsVerify();
            String hostField = fromEnvHost ? "DOCKER_HOST" : "dockerHost";
            String host = dockerHost != null ? dockerHost
                    : environment != null ? environment.host() : DockerEnvironment.DEFAULT_HOST;
            DockerEndpoint endpoint = DockerEndpoint.parse(hostField, host, tls);
            TlsMaterial material = null;
            if (tls && endpoint.isUnixSocket()) {
                if (explicitTls) {
                    throw new IllegalArgumentException("tls applies to tcp:// hosts only; " + hostField + " is "
                            + endpoint);
                }
                // DOCKER_TLS_VERIFY with a unix socket: the docker CLI ignores TLS there too.
            } else if (tls) {
                Path certPath = tlsCertPath != null ? tlsCertPath
                        : environment != null ? environment.certPath()
                        : DockerEnvironment.of(Map.of(), System.getProperty("user.home", "/root")).certPath();
                material = TlsMaterial.load(certPath);
            }
            WatchSettings watch = watchSettings();
            ThreadFactory factory = threadFactory != null ? threadFactory : new DaemonThreads();
            InspectorSettings settings = new InspectorSettings(endpoint, material, connectTimeout, responseTimeout,
                    labelFilters, factory, httpClientDecorator);
            DockerObserver observer = DockerObserver.open(settings);
            return new DockerRuntimeInspector(observer,
                    watch == null ? null : EventCache.start(observer, settings, watch));
        }

        /** The event cache's settings, validated; null without {@link #watchEvents(boolean)}. */
        private WatchSettings watchSettings() {
            if (!watchEvents) {
                if (resyncInterval != null || backoffInitial != null) {
                    throw new IllegalArgumentException((resyncInterval != null ? "resyncInterval" : "reconnectBackoff")
                            + " applies only to an inspector that watches events; add watchEvents(true)");
                }
                return null;
            }
            Duration resync = resyncInterval != null ? resyncInterval : DEFAULT_RESYNC_INTERVAL;
            if (resync.compareTo(MIN_RESYNC) < 0 || resync.compareTo(MAX_RESYNC) > 0) {
                throw new IllegalArgumentException("resyncInterval must be between " + MIN_RESYNC.toSeconds()
                        + " s and " + MAX_RESYNC.toHours() + " h; was " + resync);
            }
            Duration initial = backoffInitial != null ? backoffInitial : DEFAULT_BACKOFF_INITIAL;
            Duration max = backoffMax != null ? backoffMax : DEFAULT_BACKOFF_MAX;
            checkTimeout("reconnectBackoff initial", initial);
            checkTimeout("reconnectBackoff max", max);
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("reconnectBackoff max must not be shorter than initial; was "
                        + max + " < " + initial);
            }
            return new WatchSettings(resync, new Backoff(initial, max), LAG_THRESHOLD, timeSource,
                    random != null ? random : RandomGenerator.getDefault());
        }

        private static String checkLabelKey(String key) {
            if (key == null || key.isBlank() || key.contains("=")) {
                throw new IllegalArgumentException("labelFilter key must be non-blank and contain no '='; was "
                        + (key == null ? "null" : "'" + key + "'"));
            }
            return key;
        }

        private static void checkTimeout(String field, Duration value) {
            if (value == null || value.compareTo(MIN_TIMEOUT) < 0 || value.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException(field + " must be between " + MIN_TIMEOUT.toMillis() + " ms and "
                        + MAX_TIMEOUT.toMinutes() + " min; was " + value);
            }
        }
    }

    /** Daemon threads named {@code docker-inspector-N}, numbered per inspector. */
    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger(1);

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "docker-inspector-" + next.getAndIncrement());
            t.setDaemon(true);
            return t;
        }
    }
}
