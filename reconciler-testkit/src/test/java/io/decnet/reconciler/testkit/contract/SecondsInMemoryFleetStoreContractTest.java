package io.decnet.reconciler.testkit.contract;

import io.decnet.reconciler.api.FleetStore;
import io.decnet.reconciler.testkit.InMemoryFleetStore;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** The store truncating like MariaDB's DATETIME passes the contract with a precision of one second. */
class SecondsInMemoryFleetStoreContractTest extends FleetStoreContract {
    @Override
    protected FleetStore newStore() {
        return InMemoryFleetStore.createTruncatingTo(ChronoUnit.SECONDS);
    }

    @Override
    protected Duration timestampPrecision() {
        return Duration.ofSeconds(1);
    }
}
