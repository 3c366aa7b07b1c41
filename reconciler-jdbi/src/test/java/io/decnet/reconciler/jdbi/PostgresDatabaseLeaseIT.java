package io.decnet.reconciler.jdbi;

/** The writer lease on the server that databases.sh starts. */
class PostgresDatabaseLeaseIT extends DatabaseLeaseSuite {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}
