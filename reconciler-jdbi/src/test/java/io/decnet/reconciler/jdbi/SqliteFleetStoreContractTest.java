package io.decnet.reconciler.jdbi;

import io.decnet.reconciler.api.FleetStore;
import io.decnet.reconciler.testkit.contract.FleetStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store passes the FleetStore contract on real SQLite (a temporary database file, opened by path). */
class SqliteFleetStoreContractTest extends FleetStoreContract {
    @TempDir
    Path dir;

    @Override
    protected FleetStore newStore() {
        return JdbiFleetStore.sqlite(dir.resolve("decnet.db"));
    }
}
