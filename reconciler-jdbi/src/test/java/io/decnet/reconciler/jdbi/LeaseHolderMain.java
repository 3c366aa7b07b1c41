package io.decnet.reconciler.jdbi;

import io.decnet.reconciler.api.LeaseAttempt;

/**
 * A second process for {@link DatabaseLeaseSuite}: takes the writer lease of a host ({@code URL TABLE HOST}), prints
 * {@code held HOST} and holds it until it is killed.
 */
public final class LeaseHolderMain {
    private LeaseHolderMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        JdbiFleetStore store = JdbiFleetStore.builder().jdbcUrl(args[0]).tableName(args[1]).build();
        LeaseAttempt attempt = store.writerLease().tryAcquire(args[2]);
        System.out.println(attempt instanceof LeaseAttempt.Held ? "held " + args[2] : "not held: " + attempt);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
