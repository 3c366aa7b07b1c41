package io.decnet.reconciler.jdbi;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** A reconciler's passes end to end on real SQLite. */
class SqliteReconcilerEndToEndTest extends ReconcilerEndToEndSuite {
    @TempDir
    Path dir;

    @Override
    protected TestDatabase database() {
        return TestDatabase.sqlite(dir.resolve("decnet.db"));
    }
}
