package io.decnet.reconciler.jdbi;

/** Round trips and transactions on the MariaDB server that databases.sh starts. */
class MariaDbWritePathIT extends WritePathSuite {
    @Override
    protected TestDatabase database() {
        return TestDatabase.mariadb();
    }
}
