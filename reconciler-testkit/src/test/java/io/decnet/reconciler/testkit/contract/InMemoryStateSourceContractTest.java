package io.decnet.reconciler.testkit.contract;

import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.StateSource;
import io.decnet.reconciler.testkit.InMemoryStateSource;
import java.util.List;

class InMemoryStateSourceContractTest extends StateSourceContract {
    private final InMemoryStateSource source = InMemoryStateSource.create();

    @Override
    protected void givenFleet(List<DeckySpec> deckies) {
        source.fleet(deckies);
    }

    @Override
    protected void givenAbsent() {
        source.absent();
    }

    @Override
    protected void givenUnreadable() {
        source.unreadable("config.deckies[0].services: must not be empty");
    }

    @Override
    protected StateSource source() {
        return source;
    }
}
