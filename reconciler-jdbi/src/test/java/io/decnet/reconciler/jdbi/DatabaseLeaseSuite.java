package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.LeaseAttempt;
import io.decnet.reconciler.api.WriterLease;
import io.decnet.reconciler.testkit.contract.WriterLeaseContract;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The writer lease of {@link JdbiFleetStore} on a real database: the testkit's contract with two stores (as two
 * processes open them), plus a real second process that holds the lease and is killed with SIGKILL.
 */
abstract class DatabaseLeaseSuite extends WriterLeaseContract {
    protected TestDatabase db;
    private String table;
    private JdbiFleetStore first;
    private JdbiFleetStore second;

    protected abstract TestDatabase database();

    @BeforeEach
    void openTwoStores() {
        db = database();
        table = TestDatabase.uniqueTable("lease");
        first = db.store(table);
        second = db.store(table);
    }

    @AfterEach
    void dropTable() {
        if (db != null) {
            db.dropTable(table);
        }
    }

    @Override
    protected WriterLease lease() {
        return first.writerLease();
    }

    @Override
    protected WriterLease otherLease() {
        return second.writerLease();
    }

    @Test
    void aReadOnlyStoreNeedsNoLease() {
        JdbiFleetStore readOnly = JdbiFleetStore.builder().jdbcUrl(db.jdbcUrl()).tableName(table).readOnly(true)
                .build();
        assertThat(readOnly.writerLease()).isSameAs(WriterLease.NONE);
    }

    @Test
    void aHolderKilledWithSigkillLosesTheLeaseAndAnotherProcessTakesIt() throws Exception {
        String host = "lease-" + UUID.randomUUID();
        first.prepare(); // the table exists before the child opens it
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LeaseHolderMain.class.getName(), db.jdbcUrl(), table,
                host).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).as("the child took the lease").isEqualTo("held " + host);

            assertThat(lease().tryAcquire(host)).isInstanceOf(LeaseAttempt.Busy.class);

            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            LeaseAttempt attempt = lease().tryAcquire(host);
            while (!(attempt instanceof LeaseAttempt.Held) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                attempt = lease().tryAcquire(host);
            }
            assertThat(attempt).as("the lease is free once its holder died").isInstanceOf(LeaseAttempt.Held.class);
            ((LeaseAttempt.Held) attempt).close();
        } finally {
            child.destroyForcibly();
        }
    }
}
