package io.decnet.reconciler.jdbi;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Round trips and transactions on real SQLite. */
class SqliteWritePathTest extends WritePathSuite {
    @TempDir
    Path dir;

    @Override
    protected TestDatabase database() {
        return TestDatabase.sqlite(dir.resolve("decnet.db"));
    }
}
