package io.decnet.reconciler.jdbi;

import io.decnet.reconciler.api.FleetStore;
import io.decnet.reconciler.testkit.contract.FleetStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The store passes the FleetStore contract on the PostgreSQL server that databases.sh starts. */
class PostgresFleetStoreContractIT extends FleetStoreContract {
    private final String table = TestDatabase.uniqueTable("contract");
    private TestDatabase db;

    @BeforeEach
    void database() {
        db = TestDatabase.postgres();
    }

    @AfterEach
    void dropTable() {
        db.dropTable(table);
    }

    @Override
    protected FleetStore newStore() {
        return db.store(table);
    }
}
