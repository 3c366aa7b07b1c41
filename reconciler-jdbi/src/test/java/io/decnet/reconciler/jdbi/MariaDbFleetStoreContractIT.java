package io.decnet.reconciler.jdbi;

import io.decnet.reconciler.api.FleetStore;
import io.decnet.reconciler.testkit.contract.FleetStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The store passes the FleetStore contract on the MariaDB server that databases.sh starts, with whole-second
 * timestamps (DECNET's DATETIME has no fraction there).
 */
class MariaDbFleetStoreContractIT extends FleetStoreContract {
    private final String table = TestDatabase.uniqueTable("contract");
    private TestDatabase db;

    @BeforeEach
    void database() {
        db = TestDatabase.mariadb();
    }

    @AfterEach
    void dropTable() {
        db.dropTable(table);
    }

    @Override
    protected FleetStore newStore() {
        return db.store(table);
    }

    @Override
    protected Duration timestampPrecision() {
        return Duration.ofSeconds(1);
    }
}
