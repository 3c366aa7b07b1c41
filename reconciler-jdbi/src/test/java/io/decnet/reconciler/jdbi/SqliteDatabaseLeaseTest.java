package io.decnet.reconciler.jdbi;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The writer lease on SQLite: an OS lock on a file next to the database. */
class SqliteDatabaseLeaseTest extends DatabaseLeaseSuite {
    @TempDir
    Path dir;

    @Override
    protected TestDatabase database() {
        return TestDatabase.sqlite(dir.resolve("decnet.db"));
    }
}
