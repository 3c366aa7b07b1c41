package io.decnet.reconciler.jdbi;

/** A reconciler's passes end to end on the PostgreSQL server that databases.sh starts. */
class PostgresReconcilerEndToEndIT extends ReconcilerEndToEndSuite {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}
