package io.decnet.reconciler.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.decnet.reconciler.core.worker.WorkerStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code GET /healthz} ({@link Health}: 200 or 503, a small JSON body) and {@code GET /metrics} (Prometheus text)
 * on the JDK's HTTP server, one daemon thread. Thread-safe.
 */
final class HealthServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private HealthServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Listens on {@code address:port} (port 0: any free port).
     *
     * @throws IOException when the address cannot be bound
     */
    static HealthServer start(String address, int port, Supplier<WorkerStatus> status, Duration interval,
            FleetMetrics metrics, Clock clock) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 16);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fleet-reconciler-health");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/healthz", exchange -> {
            if (allowed(exchange)) {
                Health health = Health.of(status.get(), interval, clock.instant(), metrics.writerLeaseDescription(),
                        metrics.dockerEventsStatus());
                send(exchange, health.healthy() ? 200 : 503, "application/json", health.json() + "\n");
            }
        });
        server.createContext("/metrics", exchange -> {
            if (allowed(exchange)) {
                send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
            }
        });
        server.createContext("/", exchange -> send(exchange, 404, "text/plain; charset=utf-8",
                "not found: try /healthz or /metrics\n"));
        server.start();
        return new HealthServer(server, executor);
    }

    /** The port listened on. */
    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean allowed(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "method not allowed: use GET\n");
        return false;
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }
}
