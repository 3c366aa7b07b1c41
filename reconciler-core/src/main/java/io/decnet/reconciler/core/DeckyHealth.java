package io.decnet.reconciler.core;

import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.api.DeckySpec;
import io.decnet.reconciler.api.DeckyState;
import io.decnet.reconciler.api.RuntimeObservation;
import java.util.List;

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
        // This runs for every decky of every pass, so no streams, sets or optionals: a decky has a few services.
        List<String> services = decky.services();
        String[] names = new String[services.size()];
        int expected = 0;
        int present = 0;
        int running = 0;
        for (String service : services) {
            String name = DeckySpec.containerName(decky.name(), service);
            if (seen(names, expected, name)) {
                continue; // services "a_b" and "a-b" name the same container, which counts once
            }
            names[expected++] = name;
            ContainerStatus status = observed.containers().get(name);
            if (status != null) {
                present++;
                if (status.isRunning()) {
                    running++;
                }
            }
        }
        return new DeckyHealth(expected, present, running);
    }

    private static boolean seen(String[] names, int count, String name) {
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                return true;
            }
        }
        return false;
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
