package io.decnet.reconciler.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.LeaseAttempt;
import io.decnet.reconciler.api.PhaseTimings;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.SkipReason;
import io.decnet.reconciler.api.SourceStatus;
import io.decnet.reconciler.testkit.InMemoryWriterLease;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Passes run under the one-writer-per-host lease: one reconciler of a host at a time. */
class LeasedPassTest {
    @Test
    void aPassRunsOnlyWhileThisReconcilerHoldsTheLeaseAndGivesItBackAfterwards() {
        InMemoryWriterLease leases = InMemoryWriterLease.create();
        LeasedPass mine = new LeasedPass(leases.instance("me"), "local");
        AtomicInteger ran = new AtomicInteger();

        LeaseAttempt.Held other = (LeaseAttempt.Held) leases.instance("other").tryAcquire("local");
        Optional<ReconcileReport> whileBusy = mine.run(() -> report(ran));
        assertThat(whileBusy).isEmpty();
        assertThat(mine.state()).isEqualTo(LeasedPass.State.BUSY);
        assertThat(mine.describe()).isEqualTo("standby (held by other)");
        other.close();

        Optional<ReconcileReport> whenFree = mine.run(() -> {
            assertThat(leases.holder("local")).as("held during the pass").isEqualTo("me");
            return report(ran);
        });
        assertThat(whenFree).isPresent();
        assertThat(ran).hasValue(1);
        assertThat(leases.holder("local")).as("given back after the pass").isNull();
        assertThat(mine.describe()).isEqualTo("held");

        leases.unavailable("database down");
        assertThat(mine.run(() -> report(ran))).as("runs anyway: the pass reports the database").isPresent();
        assertThat(mine.state()).isEqualTo(LeasedPass.State.UNAVAILABLE);
    }

    @Test
    void asAWorkersPassABusyLeaseGivesTheReportOfAPassThatStoodBy() {
        InMemoryWriterLease leases = InMemoryWriterLease.create();
        LeasedPass mine = new LeasedPass(leases.instance("me"), "local");
        AtomicInteger ran = new AtomicInteger();
        Instant at = Instant.parse("2026-12-04T10:00:00Z");
        ReconcilePass pass = mine.pass(() -> report(ran), Clock.fixed(at, ZoneOffset.UTC));
        LeaseAttempt.Held other = (LeaseAttempt.Held) leases.instance("other").tryAcquire("local");

        ReconcileReport stood = pass.run();

        assertThat(ran).hasValue(0);
        assertThat(stood.startedAt()).isEqualTo(at);
        assertThat(stood.hasChanges()).isFalse();
        assertThat(stood.skips()).singleElement().satisfies(skip -> {
            assertThat(skip.reason()).isEqualTo(SkipReason.WRITER_LEASE_BUSY);
            assertThat(skip.detail()).isEqualTo(
                    "writer lease standby (held by other): another reconciler of this host is running a pass");
        });
        other.close();
        pass.run();
        assertThat(ran).hasValue(1);
    }

    private static ReconcileReport report(AtomicInteger ran) {
        ran.incrementAndGet();
        return new ReconcileReport("local", Instant.EPOCH, false, SourceStatus.notRead(), SourceStatus.notRead(),
                List.of(), List.of(), null, PhaseTimings.NONE);
    }
}
