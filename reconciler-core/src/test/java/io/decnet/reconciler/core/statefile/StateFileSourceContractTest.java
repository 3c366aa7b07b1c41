package io.decnet.reconciler.core.statefile;

import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.StateSource;
import io.decnet.reconciler.testkit.Deckies;
import io.decnet.reconciler.testkit.contract.StateSourceContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

class StateFileSourceContractTest extends StateSourceContract {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("decnet-state.json");
    }

    @Override
    protected void givenFleet(List<DeckySpec> deckies) throws IOException {
        Files.writeString(file(), Deckies.stateFileJson(deckies));
    }

    @Override
    protected void givenAbsent() {
        // no file
    }

    @Override
    protected void givenUnreadable() throws IOException {
        Files.writeString(file(), "{\"config\": {\"deckies\": [");
    }

    @Override
    protected StateSource source() {
        return StateFileSource.of(file());
    }
}
