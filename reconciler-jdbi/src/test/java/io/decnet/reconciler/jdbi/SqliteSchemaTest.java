package io.decnet.reconciler.jdbi;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The table's schema on real SQLite. */
class SqliteSchemaTest extends SchemaSuite {
    @TempDir
    Path dir;

    @Override
    protected TestDatabase database() {
        return TestDatabase.sqlite(dir.resolve("decnet.db"));
    }
}
