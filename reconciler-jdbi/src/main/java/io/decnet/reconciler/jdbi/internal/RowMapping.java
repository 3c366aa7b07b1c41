package io.decnet.reconciler.jdbi.internal;

import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.FleetRow;
import io.decnet.reconciler.api.FleetStoreException;
import io.decnet.reconciler.api.Printable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a row of {@link FleetTable#select()} (columns in {@link FleetTable#COLUMNS} order) to a {@link FleetRow}.
 *
 * <p>Every row is read whatever its content, because one odd row must never stop a pass for the whole host
 * (SPEC §2.2). A column that is not what DECNET writes is read as the nearest neutral value and named in
 * {@link FleetRow#anomalies()}: {@code services} that is NULL or not a JSON array of strings reads as no services
 * (the pass rewrites it from the state file, or deletes the row), a {@code last_seen} or {@code updated_at} that
 * is no timestamp reads as NULL (conditional writes then require it to be still unreadable). Blank or unknown
 * states are kept as they are ({@link DeckyState} accepts any string). A NULL {@code state} reads as blank.
 * Only a failure of the database itself fails the read.
 *
 * <p>One mapping per read: rows of one read share their host string and, for equal {@code services} texts, one
 * services list (a host's deckies run a handful of service sets), so a big fleet's rows do not each carry copies.
 * Not thread-safe: JDBI maps one read's rows on one thread.
 */
final class RowMapping implements RowMapper<FleetRow> {
    private static final Logger LOG = LoggerFactory.getLogger(RowMapping.class);
    private static final int SHOWN_CHARACTERS = 60;

    private final FleetTable table;
    private final Map<String, List<String>> servicesByText = new HashMap<>();
    private String lastHost;

    RowMapping(FleetTable table) {
        this.table = table;
    }

    @Override
    public FleetRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        String host = rs.getString("host_uuid");
        if (host != null && host.equals(lastHost)) {
            host = lastHost;
        }
        lastHost = host;
        String name = rs.getString("name");
        List<String> anomalies = new ArrayList<>(0);
        String stateText = rs.getString("state");
        if (stateText == null) {
            anomalies.add("state is NULL");
            stateText = "";
        }
        FleetRow row = new FleetRow(host, name, services(rs.getString("services"), anomalies),
                rs.getString("decky_config"), rs.getString("decky_ip"), DeckyState.of(stateText),
                rs.getString("last_error"), rs.getString("compose_hash"),
                timestamp(rs, "last_seen", anomalies, false), timestamp(rs, "updated_at", anomalies, true),
                anomalies);
        if (!anomalies.isEmpty() && LOG.isDebugEnabled()) {
            LOG.debug("row {} of host {} in table {} is odd: {}", Printable.of(name), Printable.of(host),
                    table.name(), Printable.of(String.join("; ", anomalies)));
        }
        return row;
    }

    private List<String> services(String text, List<String> anomalies) {
        if (text == null) {
            anomalies.add("services is NULL");
            return List.of();
        }
        List<String> known = servicesByText.get(text);
        if (known != null) {
            return known;
        }
        Optional<List<String>> read = ServicesJson.read(text).map(List::copyOf);
        read.ifPresent(services -> servicesByText.put(text, services));
        return read.orElseGet(() -> {
            anomalies.add("services is not a JSON array of strings: " + shown(text));
            return List.of();
        });
    }

    private Instant timestamp(ResultSet rs, String what, List<String> anomalies, boolean required)
            throws SQLException {
        try {
            Instant value = table.dialect().readTimestamp(rs, what);
            if (value == null && required) {
                anomalies.add(what + " is NULL");
            }
            return value;
        } catch (FleetStoreException e) {
            anomalies.add(e.getMessage());
            return null;
        } catch (SQLException e) {
            if (isConnectionProblem(e)) {
                throw e;
            }
            // A value the driver cannot turn into a date and time (MySQL's zero date, say): the row is still read.
            anomalies.add(what + " cannot be read as a timestamp: " + shown(String.valueOf(e.getMessage())));
            return null;
        }
    }

    /** SQLSTATE class 08 (connection exception): the database is gone, not the value odd. */
    private static boolean isConnectionProblem(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("08");
    }

    /** {@code text} for a message: quoted, cut to a readable length, control characters escaped. */
    static String shown(String text) {
        String cut = text.length() <= SHOWN_CHARACTERS ? text : text.substring(0, SHOWN_CHARACTERS - 3) + "...";
        return "'" + Printable.of(cut) + "'";
    }
}
