package io.decnet.reconciler.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decnet.reconciler.api.LeaseAttempt;
import io.decnet.reconciler.api.WriterLease;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link WriterLease}: extend it with the two leases of one backing store, as two reconcilers
 * (two processes, two machines) would each open it. Each test uses fresh host ids, so a shared database is fine.
 *
 * <p>The tests come in named parts, {@code @Nested} inner classes that JUnit runs for every subclass: one holder
 * at a time, releasing, and hosts.
 *
 * <p>Not thread-safe; JUnit runs each test on one instance.
 */
public abstract class WriterLeaseContract {

    /** The lease as the first reconciler opens it. */
    protected abstract WriterLease lease();

    /** The same backing store's lease as a second reconciler opens it (another connection, another process). */
    protected abstract WriterLease otherLease();

    private static String host() {
        return "lease-" + UUID.randomUUID();
    }

    @Nested
    @DisplayName("one holder at a time")
    class OneHolder {
        @Test
        void theLeaseOfAHostIsHeldByOneReconcilerAtATimeAndPassesOnWhenReleased() {
            String host = host();
            LeaseAttempt first = lease().tryAcquire(host);
            assertThat(first).isInstanceOf(LeaseAttempt.Held.class);

            LeaseAttempt second = otherLease().tryAcquire(host);
            assertThat(second).isInstanceOfSatisfying(LeaseAttempt.Busy.class, busy -> {
                assertThat(busy.hostUuid()).isEqualTo(host);
                assertThat(busy.holder()).isNotBlank();
            });

            ((LeaseAttempt.Held) first).close();
            LeaseAttempt third = otherLease().tryAcquire(host);
            assertThat(third).isInstanceOf(LeaseAttempt.Held.class);
            ((LeaseAttempt.Held) third).close();
        }

        @Test
        void theLeaseIsNotReentrantASecondAttemptWhileHeldIsBusy() {
            String host = host();
            try (LeaseAttempt.Held held = (LeaseAttempt.Held) lease().tryAcquire(host)) {
                assertThat(lease().tryAcquire(host)).isInstanceOf(LeaseAttempt.Busy.class);
                assertThat(held.hostUuid()).isEqualTo(host);
            }
        }

        @Test
        void manyConcurrentAttemptsGetTheLeaseExactlyOnce() throws Exception {
            String host = host();
            int threads = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger held = new AtomicInteger();
            List<Future<LeaseAttempt>> attempts = new ArrayList<>();
            try {
                for (int i = 0; i < threads; i++) {
                    WriterLease lease = i % 2 == 0 ? lease() : otherLease();
                    attempts.add(pool.submit(() -> {
                        start.await();
                        LeaseAttempt attempt = lease.tryAcquire(host);
                        if (attempt instanceof LeaseAttempt.Held) {
                            held.incrementAndGet();
                        }
                        return attempt;
                    }));
                }
                start.countDown();
                for (Future<LeaseAttempt> attempt : attempts) {
                    assertThat(attempt.get(30, TimeUnit.SECONDS)).isNotInstanceOf(LeaseAttempt.Unavailable.class);
                }
                assertThat(held.get()).isEqualTo(1);
            } finally {
                for (Future<LeaseAttempt> attempt : attempts) {
                    if (attempt.isDone() && attempt.get() instanceof LeaseAttempt.Held h) {
                        h.close();
                    }
                }
                pool.shutdownNow();
            }
        }
    }

    @Nested
    @DisplayName("releasing")
    class Release {
        @Test
        void releasingTwiceIsHarmlessAndDoesNotReleaseTheNextHoldersLease() {
            String host = host();
            LeaseAttempt.Held first = (LeaseAttempt.Held) lease().tryAcquire(host);
            first.close();
            LeaseAttempt.Held second = (LeaseAttempt.Held) otherLease().tryAcquire(host);

            first.close();

            assertThat(lease().tryAcquire(host)).isInstanceOf(LeaseAttempt.Busy.class);
            second.close();
        }
    }

    @Nested
    @DisplayName("hosts")
    class Hosts {
        @Test
        void leasesOfDifferentHostsAreIndependent() {
            String a = host();
            String b = host();
            try (LeaseAttempt.Held heldA = (LeaseAttempt.Held) lease().tryAcquire(a)) {
                LeaseAttempt other = otherLease().tryAcquire(b);
                assertThat(other).isInstanceOf(LeaseAttempt.Held.class);
                ((LeaseAttempt.Held) other).close();
                assertThat(heldA.hostUuid()).isEqualTo(a);
            }
        }

        @Test
        void aBlankHostIsRejected() {
            assertThatThrownBy(() -> lease().tryAcquire(" ")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
