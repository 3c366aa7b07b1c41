package io.decnet.reconciler.testkit;

import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.DesiredFleet;
import io.decnet.reconciler.api.StateSource;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link StateSource} whose answer the test sets: a fleet, no file, or an unreadable file. Starts as a present,
 * empty fleet.
 *
 * <pre>{@code
 * InMemoryStateSource state = InMemoryStateSource.create().fleet(Deckies.decky("web-01").build());
 * state.unreadable("truncated at byte 120");   // the next read is Unreadable
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class InMemoryStateSource implements StateSource {
    /** The location an {@link DesiredFleet.Absent} from this source names. */
    public static final String LOCATION = "in-memory state source";

    private volatile DesiredFleet fleet = DesiredFleet.present(List.of());
    private final AtomicInteger reads = new AtomicInteger();

    private InMemoryStateSource() {
    }

    /** A source holding a present, empty fleet. */
    public static InMemoryStateSource create() {
        return new InMemoryStateSource();
    }

    /** From now on, reads return a present fleet of {@code deckies}, in this order. */
    public InMemoryStateSource fleet(DeckySpec... deckies) {
        return fleet(Arrays.asList(Objects.requireNonNull(deckies, "deckies")));
    }

    /**
     * From now on, reads return a present fleet of {@code deckies}, in this order.
     *
     * @throws IllegalArgumentException when a name appears twice (a real state file with that is unreadable:
     *     use {@link #unreadable(String)} to test that)
     */
    public InMemoryStateSource fleet(List<DeckySpec> deckies) {
        Objects.requireNonNull(deckies, "deckies");
        Set<String> seen = new HashSet<>();
        for (DeckySpec decky : deckies) {
            Objects.requireNonNull(decky, "a decky of the fleet is null");
            if (!seen.add(decky.name())) {
                throw new IllegalArgumentException("the fleet lists decky '" + decky.name()
                        + "' twice; to test a state file with duplicate names use unreadable(reason)");
            }
        }
        this.fleet = DesiredFleet.present(deckies);
        return this;
    }

    /** From now on, reads return {@link DesiredFleet.Absent} at {@link #LOCATION}: no file, an empty fleet. */
    public InMemoryStateSource absent() {
        this.fleet = DesiredFleet.absent(LOCATION);
        return this;
    }

    /** From now on, reads return {@link DesiredFleet.Unreadable} with {@code reason} (not blank). */
    public InMemoryStateSource unreadable(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason must say why the state file is unreadable, got "
                    + Json.write(reason));
        }
        this.fleet = DesiredFleet.unreadable(reason);
        return this;
    }

    @Override
    public DesiredFleet read() {
        reads.incrementAndGet();
        return fleet;
    }

    /** How many times {@link #read()} was called. */
    public int readCount() {
        return reads.get();
    }
}
