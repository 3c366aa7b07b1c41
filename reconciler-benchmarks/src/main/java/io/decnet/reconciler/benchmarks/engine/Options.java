package io.decnet.reconciler.benchmarks.engine;

import io.decnet.reconciler.benchmarks.engine.EngineBenchmark.Database;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The engine benchmark's settings, validated.
 *
 * @param sizes fleet sizes in deckies, ascending
 * @param passes measured repetitions per figure
 * @param runningDeckies how many deckies have both containers running (the rest are created, not started: a
 *     running container costs the engine a shim process of about 14 MB)
 * @param databases where the table lives
 * @param dockerHost the engine
 * @param image the image of the containers (a busybox with {@code /bin/sleep})
 */
record Options(int[] sizes, int passes, int runningDeckies, List<Database> databases, String dockerHost,
        String image) {
    static final String USAGE = "usage: EngineBenchmark [--sizes 50,500,2000] [--passes 21] [--running-deckies 50]"
            + " [--databases sqlite,postgresql,mariadb]";

    static Options parse(String[] args, Map<String, String> env) {
        int[] sizes = {50, 500, 2000};
        int passes = 21;
        int running = 50;
        String databases = "sqlite,postgresql,mariadb";
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--sizes" -> sizes = Arrays.stream(value.split(",")).mapToInt(v -> number(flag, v, 1, 100_000))
                        .sorted().toArray();
                case "--passes" -> passes = number(flag, value, 1, 10_000);
                case "--running-deckies" -> running = number(flag, value, 0, 1_000);
                case "--databases" -> databases = value;
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        List<Database> dbs = new ArrayList<>();
        for (String name : databases.split(",")) {
            dbs.add(Database.parse(name, env));
        }
        return new Options(sizes, passes, running, List.copyOf(dbs), required(env, "FLEET_IT_DOCKER_HOST"),
                required(env, "FLEET_IT_DOCKER_IMAGE"));
    }

    private static int number(String flag, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " must be a whole number from " + min + " to " + max + ", was '"
                + value + "'");
    }

    private static String required(Map<String, String> env, String var) {
        String value = env.get(var);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(var + " is not set (eval \"$(scripts/services/docker.sh env)\")");
        }
        return value;
    }
}
