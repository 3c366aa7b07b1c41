package io.decnet.reconciler.docker.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a Docker daemon listens: {@code unix:///path/to/docker.sock} or {@code tcp://host:port}, validated and
 * normalized (a {@code tcp://} host without a port gets Docker's default, 2375, or 2376 with TLS).
 *
 * <p>Immutable and thread-safe.
 *
 * @param uri the normalized address
 */
public record DockerEndpoint(URI uri) {

    /** What {@link #parse} accepts, for error messages. */
    public static final String SUPPORTED = "unix://<absolute socket path> or tcp://<host>[:<port>]";

    /** Linux's {@code sun_path} holds 108 bytes, the terminating NUL included. */
    private static final int MAX_SOCKET_PATH_BYTES = 107;

    public DockerEndpoint {
        Objects.requireNonNull(uri, "uri");
    }

    /**
     * Parses a {@code DOCKER_HOST}-style value. An absolute path is taken as a unix socket.
     *
     * @param field the setting's name, for messages (e.g. {@code dockerHost} or {@code DOCKER_HOST})
     * @param value the value given
     * @param tls whether TLS will be used (picks the default tcp port)
     * @throws IllegalArgumentException naming the field, the value and what is supported
     */
    public static DockerEndpoint parse(String field, String value, boolean tls) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank; supported: " + SUPPORTED);
        }
        String trimmed = value.trim();
        if (trimmed.startsWith("/")) {
            return unixSocket(field, trimmed);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    field + " '" + value + "' is not a valid address (" + e.getReason() + "); supported: " + SUPPORTED,
                    e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        switch (scheme) {
            case "unix":
                if (uri.getRawAuthority() != null || uri.getPath() == null || !uri.getPath().startsWith("/")) {
                    throw new IllegalArgumentException(field + " '" + value
                            + "' does not name an absolute socket path; write it as unix:///path/to/docker.sock");
                }
                return unixSocket(field, uri.getPath());
            case "tcp":
                return tcp(field, value, uri, tls);
            case "":
                throw new IllegalArgumentException(
                        field + " '" + value + "' has no scheme; supported: " + SUPPORTED);
            default:
                throw new IllegalArgumentException(field + " '" + value + "' uses the unsupported scheme '" + scheme
                        + "'; supported: " + SUPPORTED);
        }
    }

    private static DockerEndpoint unixSocket(String field, String path) {
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH_BYTES) {
            throw new IllegalArgumentException(field + " socket path is " + path.getBytes(StandardCharsets.UTF_8).length
                    + " bytes long, over the system's limit of " + MAX_SOCKET_PATH_BYTES + ": " + path);
        }
        return new DockerEndpoint(URI.create("unix://" + path));
    }

    private static DockerEndpoint tcp(String field, String value, URI uri, boolean tls) {
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException(
                    field + " '" + value + "' names no host; write it as tcp://<host>[:<port>]");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(field + " '" + value
                    + "' carries user info, a query or a fragment; write it as tcp://<host>[:<port>]");
        }
        int port = uri.getPort() == -1 ? (tls ? 2376 : 2375) : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().equals("/") ? "" : uri.getRawPath();
        String host = uri.getHost();
        return new DockerEndpoint(URI.create("tcp://" + host + ":" + port + path));
    }

    /** Whether this is a unix socket. */
    public boolean isUnixSocket() {
        return "unix".equals(uri.getScheme());
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
