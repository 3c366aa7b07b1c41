package io.decnet.reconciler.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import io.decnet.reconciler.api.RuntimeInspector;
import io.decnet.reconciler.api.RuntimeObservation;
import io.decnet.reconciler.docker.internal.DockerEndpoint;
import io.decnet.reconciler.docker.internal.DockerEnvironment;
import io.decnet.reconciler.docker.internal.DockerObserver;
import io.decnet.reconciler.docker.internal.InspectorSettings;
import io.decnet.reconciler.docker.internal.TlsMaterial;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

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
 * <p>Thread-safe. Observations run one at a time on one worker thread (made by the builder's
 * {@link Builder#threadFactory thread factory}, released after a minute idle); {@link #close()} interrupts an
 * observation in flight and releases everything, after which {@link #observe()} reports the inspector as closed.
 */
public final class DockerRuntimeInspector implements RuntimeInspector, AutoCloseable {
    private final DockerObserver observer;

    private DockerRuntimeInspector(DockerObserver observer) {
        this.observer = observer;
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

    @Override
    public RuntimeObservation observe() {
        return observer.observe();
    }

    /** The daemon observed, e.g. {@code unix:///var/run/docker.sock} or {@code tcp://10.0.0.5:2376}. */
    public URI dockerHost() {
        return observer.endpoint().uri();
    }

    /** Interrupts an observation in flight and releases the worker thread and the transport. Idempotent. */
    @Override
    public void close() {
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

        /** Where the worker thread comes from; default: daemon threads named {@code docker-inspector-N}. */
        public Builder threadFactory(ThreadFactory factory) {
            this.threadFactory = Objects.requireNonNull(factory, "threadFactory");
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
            ThreadFactory factory = threadFactory != null ? threadFactory : new DaemonThreads();
            return new DockerRuntimeInspector(DockerObserver.open(new InspectorSettings(endpoint, material,
                    connectTimeout, responseTimeout, labelFilters, factory, httpClientDecorator)));
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
