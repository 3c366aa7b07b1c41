package io.decnet.reconciler.jdbi;

/** The race harness on a real SQLite file (WAL, DECNET's writer and two reconcilers on their own connections). */
class SqliteRaceHarnessTest extends RaceHarnessSuite {
    @Override
    protected TestDatabase database() {
        return TestDatabase.sqlite(dir.resolve("decnet.db"));
    }
}
