package io.decnet.reconciler.spring;

import io.decnet.reconciler.api.LeaseAttempt;
import io.decnet.reconciler.api.PhaseTimings;
import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.api.Skip;
import io.decnet.reconciler.api.SkipReason;
import io.decnet.reconciler.api.SourceStatus;
import io.decnet.reconciler.api.WriterLease;
import io.decnet.reconciler.core.worker.ReconcilePass;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * A pass under the host's writer lease: it runs while this application holds the lease (or when the lease cannot
 * be asked for: the pass then reports the database's trouble itself), and is reported as skipped
 * ({@link SkipReason#WRITER_LEASE_BUSY}) while another reconciler of the host holds it. Called by one worker
 * thread at a time.
 */
final class LeasedPass implements ReconcilePass {
    private final WriterLease lease;
    private final String host;
    private final Supplier<ReconcileReport> pass;

    LeasedPass(WriterLease lease, String host, Supplier<ReconcileReport> pass) {
        this.lease = lease;
        this.host = host;
        this.pass = pass;
    }

    @Override
    public ReconcileReport run() {
        LeaseAttempt attempt = lease.tryAcquire(host);
        if (attempt instanceof LeaseAttempt.Held held) {
            try (held) {
                return pass.get();
            }
        }
        if (attempt instanceof LeaseAttempt.Busy busy) {
            return new ReconcileReport(host, Instant.now(), false, SourceStatus.notRead(), SourceStatus.notRead(),
                    List.of(), List.of(Skip.pass(SkipReason.WRITER_LEASE_BUSY, "writer lease held by " + busy.holder()
                            + ": another reconciler of this host is running passes")), null, PhaseTimings.NONE);
        }
        return pass.get();
    }
}
