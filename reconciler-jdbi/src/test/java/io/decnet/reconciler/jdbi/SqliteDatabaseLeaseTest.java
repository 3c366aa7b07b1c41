package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.LeaseAttempt;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer lease on SQLite: an OS lock on a file next to the database. */
class SqliteDatabaseLeaseTest extends DatabaseLeaseSuite {
    @TempDir
    Path dir;

    @Override
    protected TestDatabase database() {
        return TestDatabase.sqlite(dir.resolve("decnet.db"));
    }

    @Test
    void closingASecondStoreOfThisProcessDoesNotFreeTheFirstStoresLeaseForOtherProcesses() throws Exception {
        String table = TestDatabase.uniqueTable("lease");
        JdbiFleetStore a = db.store(table);
        JdbiFleetStore b = db.store(table);
        a.prepare();
        LeaseAttempt held = a.writerLease().tryAcquire("local");
        assertThat(held).isInstanceOf(LeaseAttempt.Held.class);
        assertThat(b.writerLease().tryAcquire("local")).isInstanceOf(LeaseAttempt.Busy.class);

        b.close(); // POSIX: closing any descriptor of the lock file would drop every lock of this process

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LeaseHolderMain.class.getName(), db.jdbcUrl(), table,
                "local").redirectErrorStream(true).start();
        try {
            String line = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(line).as("another process must not get a lease this process holds").startsWith("not held");
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            ((LeaseAttempt.Held) held).close();
            a.close();
        }
    }
}
