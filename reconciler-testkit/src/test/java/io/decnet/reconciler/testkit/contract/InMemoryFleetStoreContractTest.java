package io.decnet.reconciler.testkit.contract;

import io.decnet.reconciler.api.FleetStore;
import io.decnet.reconciler.testkit.InMemoryFleetStore;

class InMemoryFleetStoreContractTest extends FleetStoreContract {
    @Override
    protected FleetStore newStore() {
        return InMemoryFleetStore.create();
    }
}
