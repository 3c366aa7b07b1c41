package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.testkit.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A store on PostgreSQL keeps one connection from one call to the next (a new one costs the server a SCRAM
 * handshake, more than a converged pass's query), and a kept connection the server dropped costs nothing but the
 * check: the next call opens a new one and succeeds.
 */
class PostgresConnectionReuseIT {
    private final TestDatabase db = TestDatabase.postgres();
    private final String app = "reuse-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final String table = TestDatabase.uniqueTable("reuse");

    @AfterEach
    void dropTable() {
        db.dropTable(table);
    }

    @Test
    void oneServerSessionServesEveryCallAndADroppedOneIsReplaced() throws SQLException {
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "ApplicationName=" + app;
        try (Connection admin = db.connect()) {
            JdbiFleetStore store = JdbiFleetStore.builder().jdbcUrl(url).tableName(table).build();
            store.apply("h", List.of(new RowChange.Insert(Rows.row("d1").host("h").build())));
            List<Integer> backends = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                assertThat(store.read("h")).hasSize(1);
                backends.addAll(sessions(admin));
            }
            assertThat(backends).as("the backend of the kept connection after each call").hasSize(5)
                    .containsOnly(backends.get(0));

            terminate(admin, backends.get(0));
            assertThat(store.read("h")).as("the call after the server dropped the kept connection").hasSize(1);
            assertThat(sessions(admin)).singleElement().isNotEqualTo(backends.get(0));

            store.close();
            long deadline = System.nanoTime() + 10_000_000_000L; // the server ends the backend shortly after
            while (!sessions(admin).isEmpty() && System.nanoTime() < deadline) {
                sleep(20);
            }
            assertThat(sessions(admin)).as("close() ends the kept session").isEmpty();
        }
    }

    private List<Integer> sessions(Connection admin) throws SQLException {
        List<Integer> pids = new ArrayList<>();
        try (PreparedStatement st = admin.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
            st.setString(1, app);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getInt(1));
                }
            }
        }
        return pids;
    }

    private static void terminate(Connection admin, int pid) throws SQLException {
        try (PreparedStatement st = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
            st.setInt(1, pid);
            st.execute();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
