package io.decnet.reconciler.cli.parity;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A SQLite file holding {@code fleet_deckies} made the way DECNET makes it: SQLAlchemy's DDL for SQLite and rows
 * inserted with plain JDBC in DECNET's formats. Nothing of the project's own store is used.
 */
final class DecnetTable {
    /** {@code metadata.create_all()} of DECNET's model, as SQLAlchemy emits it for SQLite. */
    static final List<String> DDL = List.of("""
            CREATE TABLE fleet_deckies (
            \thost_uuid VARCHAR NOT NULL,\s
            \tname VARCHAR NOT NULL,\s
            \tservices TEXT NOT NULL,\s
            \tdecky_config TEXT,\s
            \tdecky_ip VARCHAR,\s
            \tstate VARCHAR NOT NULL,\s
            \tlast_error TEXT,\s
            \tcompose_hash VARCHAR,\s
            \tlast_seen DATETIME,\s
            \tupdated_at DATETIME NOT NULL,\s
            \tPRIMARY KEY (host_uuid, name)
            )""",
            "CREATE INDEX ix_fleet_deckies_host_uuid ON fleet_deckies (host_uuid)",
            "CREATE INDEX ix_fleet_deckies_state ON fleet_deckies (state)");

    private DecnetTable() {
    }

    static void create(Path file, List<Row> rows) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = c.createStatement()) {
                for (String ddl : DDL) {
                    s.executeUpdate(ddl);
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO fleet_deckies (host_uuid, name, services, "
                    + "decky_config, decky_ip, state, last_error, compose_hash, last_seen, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Row r : rows) {
                    String[] v = {r.hostUuid(), r.name(), r.services(), r.deckyConfig(), r.deckyIp(), r.state(),
                        r.lastError(), r.composeHash(), r.lastSeen(), r.updatedAt()};
                    for (int i = 0; i < v.length; i++) {
                        p.setString(i + 1, v[i]);
                    }
                    p.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create DECNET's table in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every row of every host, as text. */
    static List<Row> read(Path file) {
        List<Row> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT host_uuid, name, services, decky_config, decky_ip, state, "
                     + "last_error, compose_hash, last_seen, updated_at FROM fleet_deckies ORDER BY host_uuid, name")) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read fleet_deckies of " + file + ": " + e.getMessage(), e);
        }
        return rows;
    }
}
