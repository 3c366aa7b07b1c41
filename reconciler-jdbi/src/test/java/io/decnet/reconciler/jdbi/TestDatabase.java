package io.decnet.reconciler.jdbi;

import io.decnet.reconciler.testkit.junit.ExternalService;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A real database for the tests: SQLite in a temporary file, or the PostgreSQL / MariaDB server that
 * {@code scripts/services/databases.sh} starts (located by {@code FLEET_IT_POSTGRES_URL} /
 * {@code FLEET_IT_MARIADB_URL}; missing means a failure in CI and a skip elsewhere). Knows how DECNET's ORM
 * creates the table and stores timestamps there, for the golden tests.
 */
final class TestDatabase {
    private static final String HOW_TO_START =
            "scripts/services/databases.sh start && eval \"$(scripts/services/databases.sh env)\"";

    enum Kind { SQLITE, POSTGRESQL, MARIADB }

    private final Kind kind;
    private final String jdbcUrl;

    private TestDatabase(Kind kind, String jdbcUrl) {
        this.kind = kind;
        this.jdbcUrl = jdbcUrl;
    }

    static TestDatabase sqlite(Path file) {
        return new TestDatabase(Kind.SQLITE, "jdbc:sqlite:" + file.toAbsolutePath());
    }

    static TestDatabase postgres() {
        return new TestDatabase(Kind.POSTGRESQL, ExternalService.requireEnv("FLEET_IT_POSTGRES_URL", HOW_TO_START));
    }

    static TestDatabase mariadb() {
        return new TestDatabase(Kind.MARIADB, ExternalService.requireEnv("FLEET_IT_MARIADB_URL", HOW_TO_START));
    }

    Kind kind() {
        return kind;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    DataSource dataSource() {
        return new UrlDataSource(jdbcUrl);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    /** A table name no other test uses. */
    static String uniqueTable(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A store over {@code table} opened from this database's JDBC URL. */
    JdbiFleetStore store(String table) {
        return JdbiFleetStore.builder().jdbcUrl(jdbcUrl).tableName(table).build();
    }

    void execute(String... statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
        }
    }

    void dropTable(String table) {
        execute("DROP TABLE IF EXISTS " + table);
    }

    /**
     * The shape of {@code table} as JDBC metadata reports it, with the table name written {@code <t>}: one line per
     * column (name, type, nullability), primary-key column and index column; empty when there is no such table.
     */
    List<String> shape(String table) {
        List<String> lines = new ArrayList<>();
        try (Connection c = connect()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getColumns(c.getCatalog(), c.getSchema(), table, "%")) {
                while (rs.next()) {
                    String type = rs.getString("TYPE_NAME").toUpperCase(Locale.ROOT);
                    if (kind == Kind.MARIADB && type.equals("VARCHAR")) {
                        type += "(" + rs.getInt("COLUMN_SIZE") + ")";
                    }
                    lines.add("column " + rs.getString("COLUMN_NAME") + " " + type
                            + (rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls ? " NOT NULL" : " NULL"));
                }
            }
            if (lines.isEmpty()) {
                return lines;
            }
            try (ResultSet rs = meta.getPrimaryKeys(c.getCatalog(), c.getSchema(), table)) {
                while (rs.next()) {
                    lines.add("primary key " + rs.getInt("KEY_SEQ") + " " + rs.getString("COLUMN_NAME"));
                }
            }
            try (ResultSet rs = meta.getIndexInfo(c.getCatalog(), c.getSchema(), table, false, false)) {
                while (rs.next()) {
                    String index = rs.getString("INDEX_NAME");
                    if (index != null) {
                        lines.add("index " + index.replace(table, "<t>") + (rs.getBoolean("NON_UNIQUE") ? "" : " unique")
                                + " " + rs.getShort("ORDINAL_POSITION") + " " + rs.getString("COLUMN_NAME"));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the metadata of " + table + ": " + e.getMessage(), e);
        }
        Collections.sort(lines);
        return lines;
    }

    /** What DECNET's ORM (SQLAlchemy/SQLModel) emits to create {@code table}, index statements included. */
    List<String> decnetDdl(String table) {
        String varchar = kind == Kind.MARIADB ? "VARCHAR(255)" : "VARCHAR";
        String text = kind == Kind.MARIADB ? "MEDIUMTEXT" : "TEXT";
        String datetime = kind == Kind.POSTGRESQL ? "TIMESTAMP WITHOUT TIME ZONE" : "DATETIME";
        return List.of("CREATE TABLE " + table + " (host_uuid " + varchar + " NOT NULL, name " + varchar
                        + " NOT NULL, services " + text + " NOT NULL, decky_config " + text + ", decky_ip " + varchar
                        + ", state " + varchar + " NOT NULL, last_error " + text + ", compose_hash " + varchar
                        + ", last_seen " + datetime + ", updated_at " + datetime
                        + " NOT NULL, PRIMARY KEY (host_uuid, name))",
                "CREATE INDEX ix_" + table + "_host_uuid ON " + table + " (host_uuid)",
                "CREATE INDEX ix_" + table + "_state ON " + table + " (state)");
    }

    /** {@code value} as an SQL string literal (NULL for null); MariaDB also needs its backslashes doubled. */
    String literal(String value) {
        if (value == null) {
            return "NULL";
        }
        String escaped = value.replace("'", "''");
        return "'" + (kind == Kind.MARIADB ? escaped.replace("\\", "\\\\") : escaped) + "'";
    }

    /** The SQL literal DECNET's driver sends for a datetime whose text is {@code text} (or NULL). */
    String timestampLiteral(String text) {
        if (text == null) {
            return "NULL";
        }
        return kind == Kind.POSTGRESQL ? "TIMESTAMP '" + text + "'" : "'" + text + "'";
    }

    /** An SQL expression giving {@code column}'s timestamp as {@code YYYY-MM-DD HH:MM:SS.ffffff} text. */
    String timestampText(String column) {
        return switch (kind) {
            case SQLITE -> column;
            case POSTGRESQL -> "to_char(" + column + ", 'YYYY-MM-DD HH24:MI:SS.US')";
            case MARIADB -> "DATE_FORMAT(" + column + ", '%Y-%m-%d %H:%i:%s.%f')";
        };
    }

    /** What the timestamp columns of a DECNET-created table hold. */
    Duration decnetPrecision() {
        return kind == Kind.MARIADB ? Duration.ofSeconds(1) : Duration.ofNanos(1_000);
    }

    @Override
    public String toString() {
        return kind.name();
    }
}
