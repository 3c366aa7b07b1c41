package io.decnet.reconciler.docker.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * Short sentences for why the daemon could not be observed, translated from whatever docker-java, httpclient5 or
 * the JDK threw, e.g. {@code docker daemon at unix:///var/run/docker.sock unreachable: connection refused}.
 *
 * <p>Stateless and thread-safe.
 */
public final class FailureReasons {
    private static final int MAX_DETAIL = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FailureReasons() {
    }

    /** The daemon did not finish answering before the deadline. */
    public static String timedOut(DockerEndpoint endpoint, Duration deadline) {
        return "docker daemon at " + endpoint + " did not answer within " + human(deadline);
    }

    /**
     * Why an observation of {@code endpoint} failed with {@code failure}.
     *
     * @param settings the timeouts in force, named when the transport timed out
     */
    public static String describe(InspectorSettings settings, Throwable failure) {
        DockerEndpoint endpoint = settings.endpoint();
        String at = "docker daemon at " + endpoint;
        DockerException http = find(failure, DockerException.class);
        if (http != null && http.getHttpStatus() > 0) {
            return at + " answered HTTP " + http.getHttpStatus() + ": " + daemonMessage(http);
        }
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) {
            return "TLS with docker daemon at " + endpoint + " failed: " + detail(tls.getMessage());
        }
        MalformedReplyException malformed = find(failure, MalformedReplyException.class);
        if (malformed != null) {
            return at + " sent a malformed reply: " + detail(malformed.getMessage());
        }
        JsonProcessingException json = find(failure, JsonProcessingException.class);
        if (json != null) {
            return at + " sent a malformed reply: " + detail(json.getOriginalMessage());
        }
        if (find(failure, NoHttpResponseException.class) != null) {
            return at + " closed the connection without answering";
        }
        if (find(failure, ConnectionClosedException.class) != null) {
            return at + " closed the connection in the middle of its reply";
        }
        UnknownHostException unknownHost = find(failure, UnknownHostException.class);
        if (unknownHost != null) {
            return at + " unreachable: unknown host " + detail(unknownHost.getMessage());
        }
        SocketTimeoutException timeout = find(failure, SocketTimeoutException.class);
        if (timeout != null) {
            String what = String.valueOf(timeout.getMessage()).toLowerCase(Locale.ROOT);
            return what.contains("connect")
                    ? at + " unreachable: connecting timed out after " + human(settings.connectTimeout())
                    : timedOut(endpoint, settings.responseTimeout());
        }
        if (find(failure, NoRouteToHostException.class) != null) {
            return at + " unreachable: no route to host";
        }
        Throwable root = root(failure);
        String message = root.getMessage() == null ? "" : root.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (root instanceof ConnectException || lower.contains("connection refused")) {
            return at + " unreachable: connection refused";
        }
        if (lower.contains("no such file or directory")) {
            return at + " unreachable: socket " + endpoint.uri().getPath() + " does not exist";
        }
        if (lower.contains("permission denied")) {
            return at + " unreachable: permission denied";
        }
        if (lower.contains("connection reset") || lower.contains("broken pipe")) {
            return at + " unreachable: connection reset";
        }
        return at + " unreachable: " + root.getClass().getSimpleName()
                + (message.isEmpty() ? "" : ": " + detail(message));
    }

    /**
     * docker-java's message is {@code Status 500: <body>}, and the daemon's body is {@code {"message": "..."}}:
     * keep only the daemon's sentence when there is one.
     */
    private static String daemonMessage(DockerException http) {
        String message = http.getMessage() == null ? "" : http.getMessage().strip();
        String prefix = "Status " + http.getHttpStatus() + ":";
        if (message.startsWith(prefix)) {
            message = message.substring(prefix.length()).strip();
        }
        if (message.startsWith("{")) {
            try {
                JsonNode text = JSON.readTree(message).path("message");
                if (text.isTextual()) {
                    message = text.asText();
                }
            } catch (JsonProcessingException notJson) {
                // keep the body as it is
            }
        }
        return detail(message);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable root(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t.getCause() != null && t.getCause() != t && depth < 20; depth++) {
            t = t.getCause();
        }
        return t;
    }

    /** One line, trimmed, at most {@value #MAX_DETAIL} characters. */
    static String detail(String message) {
        if (message == null || message.isBlank()) {
            return "no detail";
        }
        String line = message.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL - 3) + "...";
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
