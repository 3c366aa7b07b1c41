package io.decnet.reconciler.cli.parity;

import io.decnet.reconciler.cli.DockerCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One fixed set of labelled containers on the test engine, made once per suite: scenarios vary which of them a
 * state file expects, not the containers. Names are {@code <run>-<decky>-<service>}, {@code <run>} unique per
 * suite run, so that other tests on the same engine neither see nor disturb them. Few parallel docker calls
 * (Docker 20.10 on vfs wedges under heavy churn), each with a timeout.
 */
final class ContainerPool implements AutoCloseable {
    static final String LABEL = "io.decnet.fleet-parity";
    private static final String STARTED_LABEL = "io.decnet.fleet-parity.started";
    /** Older pools than this are leftovers of killed runs (a run takes minutes). */
    private static final Duration LEFTOVER_AGE = Duration.ofMinutes(30);
    private static final long DOCKER_TIMEOUT_S = 90;

    /** The services state files draw from. */
    static final List<String> SERVICES = List.of("ssh", "http", "smtp_relay", "ftp", "telnet");

    /**
     * decky suffix -> its containers (container suffix after {@code <decky>-}, how it is made). Near misses:
     * {@code sshd}, {@code ssh-old}, {@code smtp_relay} (the expected name is {@code smtp-relay}), and deckies
     * {@code web} / {@code web-01} whose names prefix each other.
     */
    static final Map<String, Map<String, String>> LAYOUT = layout();

    private final String dockerHost;
    private final String image;
    private final String run;
    private final List<String> made = new ArrayList<>();

    private ContainerPool(String dockerHost, String image, String run) {
        this.dockerHost = dockerHost;
        this.image = image;
        this.run = run;
    }

    private static Map<String, Map<String, String>> layout() {
        Map<String, Map<String, String>> l = new TreeMap<>();
        l.put("a", Map.of("ssh", "running", "http", "running", "smtp-relay", "running", "ftp", "exited",
                "telnet", "created"));
        l.put("b", Map.of("ssh", "exited", "http", "exited", "smtp_relay", "running", "sshd", "running"));
        l.put("c", Map.of("ssh", "created", "http", "running", "ssh-old", "running", "ftp", "running"));
        l.put("web", Map.of("ssh", "running", "http", "exited", "telnet", "running"));
        l.put("web-01", Map.of("ssh", "exited", "http", "running", "smtp-relay", "created", "ftp", "running"));
        l.put("d", Map.of("sshd", "running", "ssh-old", "running", "smtp_relay", "exited"));
        l.put("e", Map.of());
        return l;
    }

    /** Sweeps leftovers of killed runs, then makes the pool for run id {@code run}. */
    static ContainerPool create(String dockerHost, String image, String run) {
        ContainerPool pool = new ContainerPool(dockerHost, image, run);
        pool.sweepLeftovers();
        List<String[]> todo = new ArrayList<>();
        LAYOUT.forEach((decky, containers) -> containers.forEach((suffix, how) ->
                todo.add(new String[] {pool.decky(decky) + "-" + suffix, how})));
        ExecutorService ex = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String[] t : todo) {
                pool.made.add(t[0]);
                done.add(ex.submit(() -> pool.make(t[0], t[1])));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } catch (Exception e) {
            pool.close();
            throw new IllegalStateException("cannot make the container pool: " + e.getMessage(), e);
        } finally {
            ex.shutdownNow();
        }
        return pool;
    }

    /** The full name of pool decky {@code suffix}. */
    String decky(String suffix) {
        return run + "-" + suffix;
    }

    List<String> deckyNames() {
        return LAYOUT.keySet().stream().map(this::decky).toList();
    }

    /** What the engine shows: container name -> status ({@code docker ps -a}), this pool only. */
    Map<String, String> statuses() {
        Map<String, String> m = new TreeMap<>();
        String out = docker("ps", "-a", "--filter", "label=" + LABEL + "=" + run, "--format",
                "{{.Names}}\t{{.State}}");
        out.lines().filter(l -> !l.isBlank()).forEach(l -> {
            String[] p = l.split("\t", 2);
            m.put(p[0], p[1]);
        });
        return m;
    }

    private void make(String name, String how) {
        List<String> common = List.of("--network", "none", "--label", LABEL + "=" + run, "--label",
                STARTED_LABEL + "=" + Instant.now().getEpochSecond(), "--label", "io.decnet.fleet-it=1",
                "--name", name);
        List<String> args = new ArrayList<>();
        switch (how) {
            case "running" -> {
                args.addAll(List.of("run", "-d"));
                args.addAll(common);
                args.addAll(List.of(image, "/bin/sleep", "3600"));
            }
            case "exited" -> {
                args.add("run");
                args.addAll(common);
                args.addAll(List.of(image, "/bin/true"));
            }
            case "created" -> {
                args.add("create");
                args.addAll(common);
                args.addAll(List.of(image, "/bin/sleep", "3600"));
            }
            default -> throw new IllegalArgumentException(how);
        }
        docker(args.toArray(String[]::new));
    }

    private void sweepLeftovers() {
        long cutoff = Instant.now().minus(LEFTOVER_AGE).getEpochSecond();
        List<String> old = new ArrayList<>();
        docker("ps", "-a", "--filter", "label=" + LABEL, "--format",
                "{{.Names}}\t{{.Label \"" + STARTED_LABEL + "\"}}").lines().filter(l -> !l.isBlank()).forEach(l -> {
                    String[] p = l.split("\t", 2);
                    long started = p.length < 2 || p[1].isBlank() ? 0 : Long.parseLong(p[1].strip());
                    if (started < cutoff) {
                        old.add(p[0]);
                    }
                });
        remove(old);
    }

    private void remove(List<String> names) {
        for (int i = 0; i < names.size(); i += 8) {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            args.addAll(names.subList(i, Math.min(names.size(), i + 8)));
            try {
                docker(args.toArray(String[]::new));
            } catch (IllegalStateException e) {
                // One name that was never made (a failed start) must not keep the others.
                System.err.println("parity: removing containers: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        remove(made);
        made.clear();
    }

    private String docker(String... args) {
        return DockerCommand.run(dockerHost, DOCKER_TIMEOUT_S, args);
    }
}
