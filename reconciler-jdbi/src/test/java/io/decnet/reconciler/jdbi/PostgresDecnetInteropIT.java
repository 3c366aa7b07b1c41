package io.decnet.reconciler.jdbi;

/** Golden interoperability with DECNET on the PostgreSQL server that databases.sh starts. */
class PostgresDecnetInteropIT extends DecnetInteropSuite {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}
