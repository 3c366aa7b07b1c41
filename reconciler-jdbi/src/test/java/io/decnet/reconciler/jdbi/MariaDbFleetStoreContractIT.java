package io.decnet.reconciler.jdbi;

import java.time.Duration;

/**
 * The store passes the FleetStore contract on the MariaDB server that databases.sh starts, with whole-second
 * timestamps (DECNET's DATETIME has no fraction there).
 */
class MariaDbFleetStoreContractIT extends ServerFleetStoreContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.mariadb();
    }

    @Override
    protected Duration timestampPrecision() {
        return Duration.ofSeconds(1);
    }
}
