package io.decnet.reconciler.jdbi;

/** Golden interoperability with DECNET on the MariaDB server that databases.sh starts (DATETIME: whole seconds). */
class MariaDbDecnetInteropIT extends DecnetInteropSuite {
    @Override
    protected TestDatabase database() {
        return TestDatabase.mariadb();
    }
}
