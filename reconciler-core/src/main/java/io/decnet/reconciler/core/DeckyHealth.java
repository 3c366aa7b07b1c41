package io.decnet.reconciler.core;

import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.RuntimeObservation;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Docker's view of one decky (SPEC §2.3): how many of its expected containers exist and how many run, and the
 * state that makes. Pure.
 *
 * @param expected distinct containers the decky should have
 * @param present how many of them Docker lists, in any state
 * @param running how many of them Docker lists as {@code running}
 */
record DeckyHealth(int expected, int present, int running) {

    /** Counts the containers of {@code decky} in {@code observed}. */
    static DeckyHealth of(DeckySpec decky, RuntimeObservation.Observed observed) {
        // A set: services "a_b" and "a-b" name the same container, which counts once.
        Set<String> names = new LinkedHashSet<>(decky.containerNames());
        int present = 0;
        int running = 0;
        for (String name : names) {
            Optional<ContainerStatus> status = observed.status(name);
            if (status.isPresent()) {
                present++;
                if (status.get().isRunning()) {
                    running++;
                }
            }
        }
        return new DeckyHealth(names.size(), present, running);
    }

    /** {@code running}, {@code torn_down}, {@code failed} or {@code degraded}. */
    DeckyState state() {
        if (running == expected) {
            return DeckyState.RUNNING;
        }
        if (present == 0) {
            return DeckyState.TORN_DOWN;
        }
        if (running == 0) {
            return DeckyState.FAILED;
        }
        return DeckyState.DEGRADED;
    }

    /** E.g. {@code "2 of 3 containers running"} or {@code "1 of 3 containers running, 2 missing"}. */
    String describe() {
        String counts = running + " of " + expected + " containers running";
        int missing = expected - present;
        return missing == 0 ? counts : counts + ", " + missing + " missing";
    }
}
