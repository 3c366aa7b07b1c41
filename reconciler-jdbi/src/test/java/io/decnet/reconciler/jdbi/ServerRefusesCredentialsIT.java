package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.FleetStoreException;
import org.junit.jupiter.api.Test;

/** A server that refuses the credentials: the message says so, names the server, and never shows the password. */
class ServerRefusesCredentialsIT {

    @Test
    void postgresqlRefusingThePasswordIsReportedWithoutIt() {
        String url = wrongPassword(TestDatabase.postgres().jdbcUrl());

        assertThatThrownBy(() -> JdbiFleetStore.open(url).read("local")).isInstanceOf(FleetStoreException.class)
                .hasMessageStartingWith("cannot connect to PostgreSQL at 127.0.0.1:")
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining("wrong-s3cret");
    }

    @Test
    void mariadbRefusingThePasswordIsReportedWithoutIt() {
        String url = wrongPassword(TestDatabase.mariadb().jdbcUrl());

        assertThatThrownBy(() -> JdbiFleetStore.open(url).read("local")).isInstanceOf(FleetStoreException.class)
                .hasMessageStartingWith("cannot connect to MariaDB at 127.0.0.1:")
                .hasMessageContaining("Access denied")
                .hasMessageNotContaining("wrong-s3cret");
    }

    private static String wrongPassword(String url) {
        return url.replaceAll("password=[^&]*", "password=wrong-s3cret");
    }
}
