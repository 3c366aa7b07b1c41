package io.decnet.reconciler.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.LeaseAttempt;
import io.decnet.reconciler.api.WriterLease;
import io.decnet.reconciler.testkit.InMemoryWriterLease;
import org.junit.jupiter.api.Test;

class InMemoryWriterLeaseContractTest extends WriterLeaseContract {
    private final InMemoryWriterLease leases = InMemoryWriterLease.create();

    @Override
    protected WriterLease lease() {
        return leases.instance("worker-a");
    }

    @Override
    protected WriterLease otherLease() {
        return leases.instance("worker-b");
    }

    @Test
    void busyNamesTheHolderAndUnavailableIsAnAnswerNotAnException() {
        LeaseAttempt.Held held = (LeaseAttempt.Held) lease().tryAcquire("local");
        assertThat(otherLease().tryAcquire("local")).isEqualTo(new LeaseAttempt.Busy("local", "worker-a"));
        assertThat(leases.holder("local")).isEqualTo("worker-a");
        held.close();

        leases.unavailable("database down");
        assertThat(lease().tryAcquire("local")).isEqualTo(new LeaseAttempt.Unavailable("local", "database down"));
        assertThat(WriterLease.NONE.tryAcquire("local")).isInstanceOf(LeaseAttempt.Held.class);
    }
}
