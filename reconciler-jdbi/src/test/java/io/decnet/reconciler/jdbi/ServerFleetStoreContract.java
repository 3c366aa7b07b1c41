package io.decnet.reconciler.jdbi;

import io.decnet.reconciler.api.FleetStore;
import io.decnet.reconciler.testkit.contract.FleetStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The FleetStore contract on a database server, each test on a table of its own, dropped afterwards. */
abstract class ServerFleetStoreContract extends FleetStoreContract {
    private final String table = TestDatabase.uniqueTable("contract");
    private TestDatabase db;

    /** The server under test. */
    protected abstract TestDatabase database();

    @BeforeEach
    void connect() {
        db = database();
    }

    @AfterEach
    void dropTable() {
        if (db != null) { // null when the database was missing and the test skipped
            db.dropTable(table);
        }
    }

    @Override
    protected FleetStore newStore() {
        return db.store(table);
    }
}
