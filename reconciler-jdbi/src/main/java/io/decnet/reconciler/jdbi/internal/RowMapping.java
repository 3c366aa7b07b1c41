package io.decnet.reconciler.jdbi.internal;

import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.FleetStoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a row of {@link FleetTable#select()} (columns in {@link FleetTable#COLUMNS} order) to a {@link FleetRow}.
 *
 * <p>Lenient where the reconciler can repair the value: a {@code services} text that is not a JSON array of
 * strings reads as no services (the next pass rewrites it from the state file), an unreadable {@code last_seen}
 * as NULL; both are logged. Strict where it cannot: an unreadable {@code updated_at} (conditional writes compare
 * against it) fails the read with a message naming the row. Stateless, thread-safe.
 */
final class RowMapping implements RowMapper<FleetRow> {
    private static final Logger LOG = LoggerFactory.getLogger(RowMapping.class);

    private final FleetTable table;

    RowMapping(FleetTable table) {
        this.table = table;
    }

    @Override
    public FleetRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        String host = rs.getString(1);
        String name = rs.getString(2);
        String row = "row '" + name + "' (host '" + host + "') of table " + table.name();
        String stateText = rs.getString(6);
        if (stateText == null || stateText.isBlank()) {
            throw new FleetStoreException("cannot read " + row + ": its state is blank");
        }
        Instant updatedAt = table.dialect().readTimestamp(rs, 10, "updated_at of " + row);
        if (updatedAt == null) {
            throw new FleetStoreException("cannot read " + row + ": its updated_at is NULL");
        }
        return new FleetRow(host, name, services(rs.getString(3), row), rs.getString(4), rs.getString(5),
                DeckyState.of(stateText), rs.getString(7), rs.getString(8), lastSeen(rs, row), updatedAt);
    }

    private static List<String> services(String text, String row) {
        if (text == null) {
            LOG.warn("{} has NULL services; reading it as no services", row);
            return List.of();
        }
        return ServicesJson.read(text).orElseGet(() -> {
            LOG.warn("{} has services that are not a JSON array of strings ({}); reading it as no services", row,
                    abbreviate(text));
            return List.of();
        });
    }

    private Instant lastSeen(ResultSet rs, String row) throws SQLException {
        try {
            return table.dialect().readTimestamp(rs, 9, "last_seen of " + row);
        } catch (FleetStoreException e) {
            LOG.warn("{}; reading it as NULL", e.getMessage());
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
