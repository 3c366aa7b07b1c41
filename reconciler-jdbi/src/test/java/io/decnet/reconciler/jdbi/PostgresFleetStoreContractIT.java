package io.decnet.reconciler.jdbi;

/** The store passes the FleetStore contract on the PostgreSQL server that databases.sh starts. */
class PostgresFleetStoreContractIT extends ServerFleetStoreContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}
