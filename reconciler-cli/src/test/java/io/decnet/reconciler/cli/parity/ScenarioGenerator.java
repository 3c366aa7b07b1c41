package io.decnet.reconciler.cli.parity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Random scenarios from a seed: scenario {@code i} of seed {@code s} is always the same (apart from "now") when
 * asked for in order, so a failure is reproduced with {@code -Dparity.seed=s}. Not thread-safe.
 */
final class ScenarioGenerator {
    static final List<String> DECNET_STATES = List.of("pending", "running", "failed", "degraded", "torn_down",
            "tearing_down", "teardown_failed");
    static final List<String> ODD_STATES = List.of("", "   ", "RUNNING", "Running", "PENDING", "Tearing_Down",
            "booting", "unknown", "running ");
    static final List<String> PEER_HOSTS = List.of("peer-1", "peer-2", "LOCAL", "local ", "Local", "", " ");
    private static final List<String> ODD_SERVICES = List.of("", "null", "not json", "[1, 2]", "\"ssh\"", "{}");
    private static final List<String> ODD_CONFIGS = List.of("null", "[1, 2]", "not json", "\"text\"", "");
    private static final List<String> ODD_TIMES = List.of("not a time", "", "2026-13-45 99:99:99", "yesterday");

    private final long seed;
    private final List<String> universe;
    private int launcherRuns;

    /** {@code poolDeckies}: the pool's decky names (with containers); {@code run}: prefix for names without. */
    ScenarioGenerator(long seed, List<String> poolDeckies, String run) {
        this.seed = seed;
        List<String> u = new ArrayList<>(poolDeckies);
        u.addAll(List.of(run + "-x1", run + "-x2", run + "-old"));
        this.universe = List.copyOf(u);
    }

    Scenario scenario(int index, boolean viaProcess, Instant now) {
        Random r = new Random(seed ^ (0x9E3779B97F4A7C15L * (index + 1)));
        List<Decky> deckies = new ArrayList<>();
        for (String name : universe) {
            if (r.nextInt(100) < 55) {
                deckies.add(decky(r, name, jsonHost(r)));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (String name : universe) {
            if (r.nextInt(100) < 50) {
                Decky base = deckies.stream().filter(d -> d.name().equals(name)).findFirst()
                        .orElseGet(() -> decky(r, name, null));
                rows.add(row(r, DecnetModel.HOST, base, now));
            }
        }
        int peers = r.nextInt(5);
        for (int i = 0; i < peers; i++) {
            String host = pick(r, PEER_HOSTS);
            String name = r.nextBoolean() ? pick(r, universe) : "peer-decky-" + i;
            if (rows.stream().noneMatch(x -> x.hostUuid().equals(host) && x.name().equals(name))) {
                rows.add(row(r, host, decky(r, name, null), now));
            }
        }
        Collections.shuffle(rows, r);
        int kind = r.nextInt(100);
        boolean docker = r.nextInt(100) < 75;
        if (viaProcess) {
            // The few launcher runs take turns through the outcomes that matter most to a script reading its exit
            // code and stdout: Docker down, absent file, corrupt file, wrong path, all well.
            int turn = launcherRuns++ % 5;
            kind = new int[] {10, 80, 85, 98, 10}[turn];
            docker = turn != 0;
        }
        return new Scenario(seed, index, rows, stateInput(r, deckies, kind), docker, viaProcess);
    }

    private StateInput stateInput(Random r, List<Decky> deckies, int k) {
        List<Decky> some = new ArrayList<>(deckies);
        if (k >= 84 && k < 97 && some.isEmpty()) {
            some.add(decky(r, pick(r, universe), null));
        }
        if (k < 70) {
            return new StateInput.Present(deckies);
        } else if (k < 75) {
            return new StateInput.Present(List.of());
        } else if (k < 84) {
            return new StateInput.Absent();
        } else if (k < 87) {
            String doc = StateInput.document(some);
            return new StateInput.Unreadable("truncated", doc.substring(0, 10 + r.nextInt(doc.length() - 11)));
        } else if (k < 90) {
            Decky d = some.get(r.nextInt(some.size())).with("host_uuid", null);
            some.add(r.nextInt(some.size() + 1), d.with("ip", "10.0.1.1"));
            return new StateInput.Unreadable("duplicate name " + d.name(), StateInput.document(some));
        } else if (k < 93) {
            int i = r.nextInt(some.size());
            some.set(i, some.get(i).with("host_uuid", null).with("services", List.of()));
            return new StateInput.Unreadable("empty services of " + some.get(i).name(), StateInput.document(some));
        } else if (k < 95) {
            return new StateInput.Unreadable("no config.deckies",
                    "{\"config\": {\"mode\": \"unihost\", \"interface\": \"eth0\"}, \"compose_path\": null}");
        } else if (k < 97) {
            some.add(decky(r, "bad name!", null));
            return new StateInput.Unreadable("a name that breaks the pattern", StateInput.document(some));
        }
        return new StateInput.MissingDirectory();
    }

    private static String jsonHost(Random r) {
        int k = r.nextInt(100);
        if (k < 55) {
            return null;
        } else if (k < 70) {
            return Decky.NO_HOST_KEY;
        } else if (k < 85) {
            return DecnetModel.HOST;
        } else if (k < 95) {
            return "peer-1";
        }
        return "LOCAL";
    }

    private static Decky decky(Random r, String name, String host) {
        List<String> services = new ArrayList<>(ContainerPool.SERVICES);
        Collections.shuffle(services, r);
        Decky d = Decky.of(name, "10.0.0." + (10 + r.nextInt(200)), services.subList(0, 1 + r.nextInt(3)), host);
        return r.nextInt(10) == 0 ? d.with("future_field", List.of("kept", 1)) : d;
    }

    /** A row of {@code host} for {@code d}: current, stale or garbled, in DECNET's formats or odd ones. */
    private static Row row(Random r, String host, Decky d, Instant now) {
        String services;
        int k = r.nextInt(100);
        if (k < 60) {
            services = d.servicesJson();
        } else if (k < 68) {
            services = d.servicesJson().replace(", ", ",");
        } else if (k < 78) {
            services = PyJson.dumps(List.of("ssh", "telnet"));
        } else if (k < 83 && d.services().size() > 1) {
            List<String> rev = new ArrayList<>(d.services());
            Collections.reverse(rev);
            services = PyJson.dumps(rev);
        } else {
            services = pick(r, ODD_SERVICES);
        }
        k = r.nextInt(100);
        String ip = k < 75 ? d.ip() : k < 85 ? "10.0.0.250" : null;
        k = r.nextInt(100);
        String config;
        if (k < 55) {
            config = d.json();
        } else if (k < 65) {
            config = d.jsonReordered();
        } else if (k < 75) {
            config = d.with("hostname", "old-host").json();
        } else if (k < 85) {
            config = null;
        } else {
            config = pick(r, ODD_CONFIGS);
        }
        String state = r.nextInt(100) < 75 ? pick(r, DECNET_STATES) : pick(r, ODD_STATES);
        Duration age = r.nextBoolean()
                ? Duration.ofMinutes(1) : Duration.ofMinutes(30 + r.nextInt(3 * 24 * 60));
        k = r.nextInt(100);
        String updatedAt = k < 70 ? DecnetTime.format(now.minus(age), DecnetTime.Spelling.DECNET)
                : k < 80 ? DecnetTime.format(now.minus(age), DecnetTime.Spelling.WITH_T)
                : k < 90 ? DecnetTime.format(now.minus(age), DecnetTime.Spelling.NO_FRACTION)
                : pick(r, ODD_TIMES);
        k = r.nextInt(100);
        String lastSeen = k < 40 ? null : DecnetTime.format(now.minus(age).minusSeconds(5),
                k < 85 ? DecnetTime.Spelling.DECNET : k < 95 ? DecnetTime.Spelling.WITH_T
                : DecnetTime.Spelling.GARBAGE);
        String lastError = r.nextInt(5) == 0 ? "compose up failed: exit status 1" : null;
        String composeHash = r.nextBoolean() ? Long.toHexString(r.nextLong()) : null;
        return new Row(host, d.name(), services, config, ip, state, lastError, composeHash, lastSeen, updatedAt);
    }

    private static <T> T pick(Random r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }
}
