package io.decnet.reconciler.docker.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/** A "daemon" on a loopback TLS port that requires a client certificate and answers with fixed bytes. */
public final class TlsFakeDaemon implements AutoCloseable {
    private final SSLServerSocket server;
    private final byte[] reply;
    private final Thread acceptor;
    private final AtomicInteger served = new AtomicInteger();

    public TlsFakeDaemon(SSLContext context, String rawHttp) throws IOException {
        this.server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 8,
                InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(true);
        this.reply = rawHttp.getBytes(StandardCharsets.UTF_8);
        this.acceptor = new Thread(this::acceptLoop, "tls-fake-daemon");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Where it listens, as a {@code DOCKER_HOST} value. */
    public String address() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** Requests answered over a completed handshake. */
    public int served() {
        return served.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket c = server.accept()) {
                c.setSoTimeout(5000);
                InputStream in = c.getInputStream();
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                while (!head.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    head.write(b);
                }
                c.getOutputStream().write(reply);
                c.getOutputStream().flush();
                served.incrementAndGet();
            } catch (IOException e) {
                // a failed handshake or a client that went away: next connection
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
