package io.decnet.reconciler.jdbi;

/** The table's schema on the PostgreSQL server that databases.sh starts. */
class PostgresSchemaIT extends SchemaSuite {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}
