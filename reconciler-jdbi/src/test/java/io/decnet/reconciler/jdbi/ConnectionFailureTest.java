package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.FleetStoreException;
import io.decnet.reconciler.api.RowChange;
import io.decnet.reconciler.testkit.Rows;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database that cannot be reached is a {@link FleetStoreException} naming the database and the reason, with no
 * credentials; the store is built anyway and works once the database is there. Needs no server: it connects to a
 * loopback port nothing listens on.
 */
class ConnectionFailureTest {
    @TempDir
    Path dir;

    @Test
    void postgresqlThatRefusesConnectionsIsReportedWithHostPortAndReasonButNoPassword() throws IOException {
        int port = closedPort();
        JdbiFleetStore store = JdbiFleetStore.open("jdbc:postgresql://127.0.0.1:" + port
                + "/fleet?user=decnet&password=s3cret&connectTimeout=5");

        assertThatThrownBy(() -> store.read("local")).isInstanceOf(FleetStoreException.class)
                .hasMessage("cannot connect to PostgreSQL at 127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void mariadbThatRefusesConnectionsIsReportedWithHostPortAndReasonButNoPassword() throws IOException {
        int port = closedPort();
        JdbiFleetStore store = JdbiFleetStore.open("jdbc:mariadb://127.0.0.1:" + port
                + "/fleet?user=decnet&password=s3cret&connectTimeout=5000");

        assertThatThrownBy(() -> store.apply("local", List.of(new RowChange.Insert(Rows.row("decky-01").build()))))
                .isInstanceOf(FleetStoreException.class)
                .hasMessageStartingWith("cannot connect to MariaDB at 127.0.0.1:" + port + ": ")
                .hasMessageContaining("onnection refused")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aMysqlUrlIsServedByTheMariadbDriverAndNamedAsMysql() throws IOException {
        int port = closedPort();
        JdbiFleetStore store = JdbiFleetStore.open("jdbc:mysql://127.0.0.1:" + port
                + "/fleet?user=decnet&password=s3cret");

        assertThat(store.toString()).isEqualTo("JdbiFleetStore[fleet_deckies in MySQL at 127.0.0.1:" + port + "]");
        assertThatThrownBy(store::prepare).isInstanceOf(FleetStoreException.class)
                .hasMessageStartingWith("cannot connect to MySQL at 127.0.0.1:" + port + ": ")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void anSqliteFileInAMissingDirectoryIsReportedAndPickedUpOnceTheDirectoryExists() throws IOException {
        Path file = dir.resolve("not-yet/decnet.db");
        JdbiFleetStore store = JdbiFleetStore.sqlite(file);

        assertThatThrownBy(() -> store.read("local")).isInstanceOf(FleetStoreException.class)
                .hasMessageStartingWith("cannot connect to SQLite database " + file + ": ");

        Files.createDirectories(file.getParent());
        assertThat(store.read("local")).isEmpty();
        assertThat(Files.exists(file)).isTrue();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
