package io.decnet.reconciler.docker.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaving "daemon" on a real socket (unix or TCP on loopback): it accepts connections and then does what
 * it is told: never answer, answer with given bytes, or hang up. For the failures a real engine will not produce
 * on demand.
 */
public final class FakeDaemon implements AutoCloseable {
    /** What the daemon does with each connection, after reading the request head. */
    public enum Behaviour {
        /** Reads the request and never answers. */
        SILENT,
        /** Reads the request, writes the reply, closes. */
        REPLY,
        /** Reads the request and closes without a word. */
        HANG_UP,
        /** Writes the reply as soon as it accepts, without reading anything (a plain server to a TLS client). */
        REPLY_AT_ONCE
    }

    private final ServerSocketChannel server;
    private final String address;
    private final Path socketFile;
    private final Behaviour behaviour;
    private final byte[] reply;
    private final Thread acceptor;
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();

    private FakeDaemon(ServerSocketChannel server, String address, Path socketFile, Behaviour behaviour, byte[] reply) {
        this.server = server;
        this.address = address;
        this.socketFile = socketFile;
        this.behaviour = behaviour;
        this.reply = reply;
        this.acceptor = new Thread(this::acceptLoop, "fake-daemon-" + address);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A daemon on a unix socket at {@code socket} that accepts and never answers. */
    public static FakeDaemon silentUnix(Path socket) throws IOException {
        return unix(socket, Behaviour.SILENT, new byte[0]);
    }

    /** A daemon on a unix socket that answers every request with {@code rawHttp}, then closes. */
    public static FakeDaemon replyingUnix(Path socket, String rawHttp) throws IOException {
        return unix(socket, Behaviour.REPLY, rawHttp.getBytes(StandardCharsets.UTF_8));
    }

    /** A daemon on a unix socket that reads the request and hangs up without a word. */
    public static FakeDaemon hangingUpUnix(Path socket) throws IOException {
        return unix(socket, Behaviour.HANG_UP, new byte[0]);
    }

    /** A daemon on a loopback TCP port that does {@code behaviour}. */
    public static FakeDaemon tcp(Behaviour behaviour, String rawHttp) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        return new FakeDaemon(server, "tcp://127.0.0.1:" + port, null, behaviour,
                rawHttp.getBytes(StandardCharsets.UTF_8));
    }

    private static FakeDaemon unix(Path socket, Behaviour behaviour, byte[] reply) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return new FakeDaemon(server, "unix://" + socket.toAbsolutePath(), socket, behaviour, reply);
    }

    /** An HTTP/1.1 reply with {@code status}, a JSON content type and {@code body}. */
    public static String http(int status, String reason, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\nContent-Length: "
                + bytes.length + "\r\nConnection: close\r\n\r\n" + body;
    }

    /** Where it listens, as a {@code DOCKER_HOST} value. */
    public String address() {
        return address;
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections still open on the daemon's side. */
    public int openConnections() {
        open.removeIf(c -> !c.isOpen());
        return open.size();
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel c;
            try {
                c = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            open.add(c);
            try {
                if (behaviour != Behaviour.REPLY_AT_ONCE) {
                    readRequestHead(c);
                }
                switch (behaviour) {
                    case SILENT:
                        drainUntilClientCloses(c);
                        break;
                    case REPLY:
                    case REPLY_AT_ONCE:
                        c.write(ByteBuffer.wrap(reply));
                        c.close();
                        break;
                    case HANG_UP:
                        c.close();
                        break;
                    default:
                        throw new IllegalStateException(behaviour.name());
                }
            } catch (IOException e) {
                closeQuietly(c);
            }
        }
    }

    /** Never answers, but closes its end once the client has closed, like a real server's socket would. */
    private static void drainUntilClientCloses(SocketChannel c) {
        Thread drain = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocate(256);
            try {
                while (c.read(buf.clear()) >= 0) {
                    // discard
                }
            } catch (IOException e) {
                // gone
            } finally {
                closeQuietly(c);
            }
        }, "fake-daemon-drain");
        drain.setDaemon(true);
        drain.start();
    }

    private static void readRequestHead(SocketChannel c) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(1024);
        while (!head.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
            buf.clear();
            if (c.read(buf) < 0) {
                return;
            }
            head.write(buf.array(), 0, buf.position());
        }
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel c : open) {
            closeQuietly(c);
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (socketFile != null) {
            Files.deleteIfExists(socketFile);
        }
    }
}
