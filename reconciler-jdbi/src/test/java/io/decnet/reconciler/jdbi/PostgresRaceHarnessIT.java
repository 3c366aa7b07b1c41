package io.decnet.reconciler.jdbi;

/** The race harness on the PostgreSQL server that databases.sh starts. */
class PostgresRaceHarnessIT extends RaceHarnessSuite {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}
