package io.decnet.reconciler.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/** Reads fleet_deckies of a SQLite file with plain JDBC: what DECNET's own code would see. */
final class FleetTable {
    private FleetTable() {
    }

    /** Runs {@code sql} (e.g. an INSERT the way DECNET's ORM or a hand edit writes rows) on the SQLite file. */
    static void execute(Path sqliteFile, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile);
             java.sql.Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql + " on " + sqliteFile + ": " + e.getMessage(), e);
        }
    }

    /** name -> state of {@code host}'s rows; empty if the file or table does not exist. */
    static Map<String, String> states(Path sqliteFile, String host) {
        if (!Files.exists(sqliteFile)) {
            return new TreeMap<>();
        }
        return states("jdbc:sqlite:" + sqliteFile, host);
    }

    /** name -> state of {@code host}'s rows in the database at {@code jdbcUrl}; empty if the table does not exist. */
    static Map<String, String> states(String jdbcUrl, String host) {
        Map<String, String> states = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             PreparedStatement q = c.prepareStatement(
                     "SELECT name, state FROM fleet_deckies WHERE host_uuid = ? ORDER BY name")) {
            q.setString(1, host);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("no such table") || message.contains("does not exist")
                    || message.contains("doesn't exist")) {
                return states;
            }
            throw new IllegalStateException("cannot read " + jdbcUrl.replaceAll("password=[^&]*", "password=***")
                    + ": " + message, e);
        }
        return states;
    }
}
