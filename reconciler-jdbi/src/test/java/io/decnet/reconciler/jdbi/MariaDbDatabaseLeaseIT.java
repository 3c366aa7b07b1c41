package io.decnet.reconciler.jdbi;

/** The writer lease on the server that databases.sh starts. */
class MariaDbDatabaseLeaseIT extends DatabaseLeaseSuite {
    @Override
    protected TestDatabase database() {
        return TestDatabase.mariadb();
    }
}
