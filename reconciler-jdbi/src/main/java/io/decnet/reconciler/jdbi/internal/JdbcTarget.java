package io.decnet.reconciler.jdbi.internal;

import io.decnet.reconciler.api.FleetStoreException;
import io.decnet.reconciler.api.Printable;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.jdbi.v3.core.Handle;

/**
 * A database named by a JDBC URL: which driver serves it and how to name it in messages (without credentials).
 * Immutable and thread-safe.
 *
 * @param url the URL to open (a {@code jdbc:mysql:} URL becomes {@code jdbc:mariadb:} when only MariaDB's driver
 *     is on the class path)
 * @param description e.g. {@code PostgreSQL at 127.0.0.1:5432} or {@code SQLite database decnet.db}
 * @param sqlite whether the URL names an SQLite database
 */
public record JdbcTarget(String url, String description, boolean sqlite) {
    /** The schemes the store supports, for messages. */
    public static final String SUPPORTED = "jdbc:sqlite:, jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql:";
    /** The schemes of {@link #SUPPORTED} one by one, in the same order. */
    public static final List<String> SCHEMES = List.of(SUPPORTED.split(", "));
    /** sqlite-jdbc's connection property holding the flags of {@code sqlite3_open_v2} (SQLiteConfig.Pragma.OPEN_MODE). */
    private static final String SQLITE_OPEN_MODE = "open_mode";
    /** {@code SQLITE_OPEN_READONLY}: read only, and without {@code SQLITE_OPEN_CREATE}, so nothing is created. */
    private static final int SQLITE_OPEN_READONLY = 0x01;

    /**
     * The target of {@code url}.
     *
     * @throws IllegalArgumentException when the scheme is not supported (the message lists those that are)
     * @throws FleetStoreException when no JDBC driver on the class path accepts the URL
     */
    public static JdbcTarget of(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:sqlite:")) {
            String file = url.substring("jdbc:sqlite:".length()).split("\\?", 2)[0];
            if (file.isEmpty() || file.contains(":memory:") || lower.contains("mode=memory")) {
                throw new IllegalArgumentException("jdbcUrl names an in-memory SQLite database, which lives only as "
                        + "long as one connection while the store opens one per call; name a file, e.g. "
                        + "jdbc:sqlite:decnet.db; got '" + Credentials.mask(url) + "'");
            }
            return new JdbcTarget(requireDriver(url, "org.xerial:sqlite-jdbc"), "SQLite database " + file, true);
        }
        if (!lower.startsWith("jdbc:sqlite:")) {
            checkPorts(url);
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return new JdbcTarget(requireDriver(url, "org.postgresql:postgresql"),
                    "PostgreSQL at " + hostAndPort(url, 5432), false);
        }
        if (lower.startsWith("jdbc:mariadb:")) {
            return new JdbcTarget(requireDriver(url, "org.mariadb.jdbc:mariadb-java-client"),
                    "MariaDB at " + hostAndPort(url, 3306), false);
        }
        if (lower.startsWith("jdbc:mysql:")) {
            String effective = hasDriver(url) ? url : "jdbc:mariadb:" + url.substring("jdbc:mysql:".length());
            return new JdbcTarget(requireDriver(effective, "org.mariadb.jdbc:mariadb-java-client"),
                    "MySQL at " + hostAndPort(url, 3306), false);
        }
        throw new IllegalArgumentException("jdbcUrl must start with one of " + SUPPORTED + "; got '"
                + Credentials.mask(url) + "'");
    }

    /** Whether {@code url} starts with one of the {@link #SCHEMES}, in any case. */
    public static boolean isSupported(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return SCHEMES.stream().anyMatch(lower::startsWith);
    }

    /**
     * Connection properties for this target: for SQLite, a busy timeout (a concurrent writer makes us wait, not
     * fail) and transactions that take the write lock at BEGIN (so the wait happens there, under the timeout,
     * instead of failing at the first write). Write-ahead logging is switched on once, by {@link #enableWal}, not
     * per connection: switching needs a lock, and a connection that asks for it while opening fails at once when
     * another holds the database. With {@code readOnly}, an SQLite connection is opened read-only
     * ({@code SQLITE_OPEN_READONLY}, without {@code SQLITE_OPEN_CREATE}: a missing file is not created) and keeps
     * SQLite's default deferred transactions. MySQL/MariaDB connections count affected rows (see below).
     *
     * <p>Network databases get time limits unless the URL sets its own: {@value #CONNECT_TIMEOUT_SECONDS} s to
     * connect and log in, and {@value #SOCKET_TIMEOUT_SECONDS} s for any one answer. Without them (the drivers'
     * default for reads is to wait forever) a database host that vanishes without closing its connections, or a
     * frozen server, would hold a pass, and the worker with it, until TCP gives up hours later.
     */
    public Properties properties(Duration sqliteBusyTimeout, boolean readOnly) {
        Properties properties = new Properties();
        if (sqlite) {
            properties.setProperty("busy_timeout", Long.toString(sqliteBusyTimeout.toMillis()));
            if (readOnly) {
                properties.setProperty(SQLITE_OPEN_MODE, Integer.toString(SQLITE_OPEN_READONLY));
            } else {
                properties.setProperty("transaction_mode", "IMMEDIATE");
            }
            return properties;
        }
        if (mysqlFamily()) {
            defaultTo(properties, "connectTimeout", Long.toString(CONNECT_TIMEOUT_SECONDS * 1000));
            defaultTo(properties, "socketTimeout", Long.toString(SOCKET_TIMEOUT_SECONDS * 1000));
        } else {
            defaultTo(properties, "connectTimeout", Long.toString(CONNECT_TIMEOUT_SECONDS));
            defaultTo(properties, "loginTimeout", Long.toString(CONNECT_TIMEOUT_SECONDS));
            defaultTo(properties, "socketTimeout", Long.toString(SOCKET_TIMEOUT_SECONDS));
        }
        if (mysqlFamily() && !url.toLowerCase(Locale.ROOT).contains("useaffectedrows")) {
            // The insert-if-absent statement ends in ON DUPLICATE KEY UPDATE name = name. Counting found rows (the
            // drivers' default) makes an insert that lost a race to a concurrent insert count 1, i.e. APPLIED;
            // counting affected rows makes it 0, a CONFLICT, as the port requires. Every update this store issues
            // changes at least updated_at or the changed column, so it still counts 1 when applied.
            properties.setProperty("useAffectedRows", "true");
        }
        return properties;
    }

    /** Seconds to open a connection to PostgreSQL or MySQL/MariaDB, unless the URL says otherwise. */
    public static final long CONNECT_TIMEOUT_SECONDS = 10;
    /** Seconds to wait for any one answer of PostgreSQL or MySQL/MariaDB, unless the URL says otherwise. */
    public static final long SOCKET_TIMEOUT_SECONDS = 30;

    /** Sets {@code key} unless the URL's parameters already name it (in any case). */
    private void defaultTo(Properties properties, String key, String value) {
        String query = url.indexOf('?') < 0 ? "" : url.substring(url.indexOf('?') + 1);
        boolean inUrl = java.util.Arrays.stream(query.split("[&;]"))
                .anyMatch(p -> p.split("=", 2)[0].strip().equalsIgnoreCase(key));
        if (!inUrl) {
            properties.setProperty(key, value);
        }
    }

    private boolean mysqlFamily() {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:");
    }

    /**
     * Switches an SQLite database to write-ahead logging (persistent, so that DECNET's own connections read while
     * we write and the other way round).
     *
     * @return the journal mode now in force ({@code wal}, or what SQLite kept, e.g. {@code memory})
     */
    public String enableWal(Handle handle) {
        return handle.createQuery("PRAGMA journal_mode=WAL").mapTo(String.class).one();
    }

    /**
     * The file an SQLite URL names ({@code jdbc:sqlite:decnet.db}, {@code jdbc:sqlite:/var/x.db},
     * {@code jdbc:sqlite:file:/var/x.db?mode=ro}, {@code jdbc:sqlite:file:///var/x.db}); empty when this is not
     * SQLite or the name is not a plain local file (a remote URI authority, a class-path resource).
     */
    public Optional<Path> sqliteFile() {
        if (!sqlite) {
            return Optional.empty();
        }
        String name = url.substring("jdbc:sqlite:".length()).split("\\?", 2)[0];
        if (name.regionMatches(true, 0, "file:", 0, 5)) {
            name = name.substring(5);
            if (name.startsWith("//")) {
                int slash = name.indexOf('/', 2);
                String authority = slash < 0 ? name.substring(2) : name.substring(2, slash);
                if (slash < 0 || !(authority.isEmpty() || authority.equalsIgnoreCase("localhost"))) {
                    return Optional.empty();
                }
                name = name.substring(slash);
            }
            name = percentDecoded(name);
        }
        if (name.isEmpty() || name.startsWith(":")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(name));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static String percentDecoded(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                int codePoint = s.codePointAt(i);
                bytes.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint) - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String hostAndPort(String url, int defaultPort) {
        String authority = hosts(url);
        if (authority.isEmpty()) {
            return "localhost:" + defaultPort;
        }
        boolean hasPort = authority.startsWith("[") ? authority.contains("]:") : authority.contains(":");
        return hasPort || authority.contains(",") ? authority : authority + ":" + defaultPort;
    }

    /**
     * Refuses a port that is no TCP port, before a driver sees it: a driver that rejects it answers only that it
     * does not accept the URL, which reads as a missing driver.
     */
    private static void checkPorts(String url) {
        for (String host : hosts(url).split(",")) {
            int close = host.startsWith("[") ? host.indexOf(']') : -1;
            int colon = host.indexOf(':', close + 1);
            if (colon < 0) {
                continue; // no port: the driver's default
            }
            String port = host.substring(colon + 1);
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535) {
                throw new IllegalArgumentException("jdbcUrl has port '" + Printable.of(port) + "', which is not a "
                        + "TCP port (1 to 65535); got '" + Credentials.mask(url) + "'");
            }
        }
    }

    /** The hosts part of {@code url}'s authority ({@code host:port}, comma-separated), without user info; or "". */
    private static String hosts(String url) {
        int start = url.indexOf("//");
        if (start < 0) {
            return "";
        }
        String authority = url.substring(start + 2).split("[/?;]", 2)[0];
        return authority.substring(authority.lastIndexOf('@') + 1);
    }

    private static boolean hasDriver(String url) {
        try {
            DriverManager.getDriver(url);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static String requireDriver(String url, String artifact) {
        if (!hasDriver(url)) {
            throw new FleetStoreException("no JDBC driver for " + url.substring(0, url.indexOf(':', 5) + 1)
                    + " on the class path; add " + artifact);
        }
        return url;
    }
}
