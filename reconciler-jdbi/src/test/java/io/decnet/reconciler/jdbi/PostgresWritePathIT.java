package io.decnet.reconciler.jdbi;

/** Round trips and transactions on the PostgreSQL server that databases.sh starts. */
class PostgresWritePathIT extends WritePathSuite {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}
