package io.decnet.reconciler.jdbi;

/** A reconciler's passes end to end on the MariaDB server that databases.sh starts. */
class MariaDbReconcilerEndToEndIT extends ReconcilerEndToEndSuite {
    @Override
    protected TestDatabase database() {
        return TestDatabase.mariadb();
    }
}
