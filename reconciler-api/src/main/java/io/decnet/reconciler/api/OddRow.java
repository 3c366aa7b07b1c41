package io.decnet.reconciler.api;

import java.util.List;
import java.util.Objects;

/**
 * A row of this host that a pass read although part of it was not what DECNET writes: a blank or unknown state,
 * a {@code services} text that is not a JSON array of strings, a {@code decky_config} that is not a JSON object,
 * a timestamp that could not be read. Such a row never stops a pass: it is compared like any other (rewritten
 * from the state file when its decky is there, deleted when not, its state left alone while Docker is
 * unreachable), and the report names it with what was odd.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the decky the row is for
 * @param problems one phrase per odd column, e.g. {@code "state is blank"}
 */
public record OddRow(String name, List<String> problems) {
    public OddRow {
        Objects.requireNonNull(name, "name");
        problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an odd row names at least one problem");
        }
    }

    /** The problems as one phrase, e.g. {@code "state is blank; services is not a JSON array of strings"}. */
    public String describe() {
        return String.join("; ", problems);
    }
}
