package io.decnet.reconciler.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL or MariaDB server of a test's own, started with {@code scripts/services/databases.sh} in a services
 * directory and on a port of its own (the shared servers the other tests use stay up), so that the test may kill it
 * with SIGKILL and start it again. Needs the Debian packages the script installs (and root, as the script does).
 */
final class PrivateDatabase implements AutoCloseable {
    enum Kind {
        POSTGRES("postgres", "FLEET_PG_PORT", "jdbc:postgresql"),
        MARIADB("mariadb", "FLEET_MARIADB_PORT", "jdbc:mariadb");

        final String server;
        final String portVariable;
        final String scheme;

        Kind(String server, String portVariable, String scheme) {
            this.server = server;
            this.portVariable = portVariable;
            this.scheme = scheme;
        }
    }

    private final Kind kind;
    private final Path servicesDir;
    private final int port;

    private PrivateDatabase(Kind kind, Path servicesDir, int port) {
        this.kind = kind;
        this.servicesDir = servicesDir;
        this.port = port;
    }

    /** Starts a fresh server of {@code kind} in {@code servicesDir} (fails in CI, skips elsewhere when it cannot). */
    static PrivateDatabase start(Kind kind, Path servicesDir) throws IOException, InterruptedException {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean installed = kind == Kind.POSTGRES ? Files.isDirectory(Path.of("/usr/lib/postgresql"))
                : Files.isExecutable(Path.of("/usr/sbin/mariadbd"));
        if (!ci) {
            assumeTrue(installed, () -> kind.server + " is not installed: run `bash scripts/services/databases.sh "
                    + "start` once (as root) to install it, then run this test again");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PrivateDatabase db = new PrivateDatabase(kind, servicesDir, port);
        db.script("start");
        return db;
    }

    String url() {
        return kind.scheme + "://127.0.0.1:" + port + "/fleet_it?user=fleet_it&password=fleet_it_pw";
    }

    /** SIGKILL of the server and all its processes, as a crash or the OOM killer would. */
    void kill() throws IOException, InterruptedException {
        script("kill");
    }

    /** SIGSTOP of the server: connections stay open and nothing answers, as when its host drops off the network. */
    void freeze() throws IOException, InterruptedException {
        script("freeze");
    }

    /** SIGCONT after {@link #freeze()}. */
    void thaw() throws IOException, InterruptedException {
        script("thaw");
    }

    /** Starts it again (after {@link #kill()}: crash recovery, then the same data). */
    void restart() throws IOException, InterruptedException {
        script("start");
    }

    void execute(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Every row of a query, each as its columns' text joined by '|'. */
    List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    Kind kind() {
        return kind;
    }

    @Override
    public void close() throws IOException {
        try {
            script("stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping " + this, e);
        }
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private void script(String command) throws IOException, InterruptedException {
        Path script = Path.of("..", "scripts", "services", "databases.sh").toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", script.toString(), command, kind.server))
                .redirectErrorStream(true);
        pb.environment().put("FLEET_SERVICES_DIR", servicesDir.toString());
        pb.environment().put(kind.portVariable, Integer.toString(port));
        Path log = Files.createTempFile("databases-sh-", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("databases.sh " + command + " " + kind.server
                        + " did not finish in 3 min");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("databases.sh " + command + " " + kind.server + " exited "
                        + p.exitValue() + ": " + Files.readString(log, StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
