package io.decnet.reconciler.core;

import io.decnet.reconciler.api.Failure;
import io.decnet.reconciler.api.FleetStore;
import io.decnet.reconciler.api.FleetStoreException;
import io.decnet.reconciler.api.Skip;
import io.decnet.reconciler.api.SkipReason;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a {@link FleetStore} threw into the report's {@link Failure}: a {@link FleetStoreException} is the
 * store saying it is down ({@link Failure.Kind#STORE}, reported, not logged above debug); anything else is a bug
 * in the store ({@link Failure.Kind#INTERNAL}, logged with its stack trace).
 */
final class StoreFailure {

    private static final Logger LOG = LoggerFactory.getLogger(StoreFailure.class);

    private StoreFailure() {
    }

    /** The failure of {@code store} when asked to {@code verb} ("read", "write") the rows of {@code host}. */
    static Failure of(RuntimeException thrown, String verb, FleetStore store, String host) {
        if (thrown instanceof FleetStoreException) {
            LOG.debug("could not {} the fleet store for host {}", verb, host, thrown);
            return new Failure(Failure.Kind.STORE, "could not " + verb + " the fleet store: " + thrown.getMessage());
        }
        LOG.error("fleet store {} threw unexpectedly on {} for host {}", store.getClass().getName(), verb, host,
                thrown);
        return new Failure(Failure.Kind.INTERNAL, "the fleet store failed unexpectedly on " + verb + ": " + thrown);
    }

    /** The skips that report {@code failure}: {@link SkipReason#STORE_FAILED} for a store failure, else none. */
    static List<Skip> skips(Failure failure) {
        return failure == null || failure.kind() != Failure.Kind.STORE ? List.of()
                : List.of(Skip.pass(SkipReason.STORE_FAILED, "nothing written: " + failure.message()));
    }
}
