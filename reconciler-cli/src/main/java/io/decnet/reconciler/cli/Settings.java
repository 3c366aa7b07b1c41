package io.decnet.reconciler.cli;

import io.decnet.reconciler.api.HostUuids;
import io.decnet.reconciler.api.Printable;
import io.decnet.reconciler.core.ReconcilePolicy;
import io.decnet.reconciler.jdbi.JdbcUrls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code reconcile} runs with, after flags, environment variables and defaults were combined and checked.
 *
 * @param stateFile the state file
 * @param stateOrigin where {@code stateFile} came from, for messages ({@code --state}, {@code DECNET_STATE_FILE},
 *     or {@code the default})
 * @param dbUrl the JDBC URL (with its password: mask it before printing)
 * @param dockerHost the Docker daemon URI
 * @param dockerHostGiven whether the operator named it ({@code --docker-host}, {@code DOCKER_HOST} or a Docker
 *     context)
 * @param dockerOrigin where {@code dockerHost} came from, for messages
 * @param dockerTls the Docker context's TLS material (ca.pem, cert.pem, key.pem), or {@code null}
 * @param requireDocker whether a pass that could not observe Docker fails the run ({@code --require-docker})
 * @param hostUuid the host whose rows this run owns
 * @param mode what runs: the long-lived worker, one pass, or one plan
 * @param output how the report of a run of one pass is printed
 * @param interval the long-lived worker's interval
 * @param passTimeout a pass's deadline
 * @param maxDeletes the opt-in deletion guard: hold back every delete of a pass that would delete more rows than
 *     this, or {@code null} for no limit
 * @param refuseDeleteAll the opt-in deletion guard: hold back the deletes of a pass that would delete every row
 * @param events where to write events as JSON lines ({@code -}: stdout), or {@code null}
 * @param healthPort the health/metrics port, or {@code null} for none
 * @param healthAddress the address the health/metrics server binds
 * @param watch long-lived mode: run a pass when the state file changes
 * @param dockerEvents long-lived mode: follow Docker's event stream (a cached container list, a pass on a change)
 * @param verbose print stack traces and debug logs
 * @param logFormat how lines on standard error are written
 */
record Settings(
        Path stateFile,
        String stateOrigin,
        String dbUrl,
        String dockerHost,
        boolean dockerHostGiven,
        String dockerOrigin,
        Path dockerTls,
        boolean requireDocker,
        String hostUuid,
        Mode mode,
        Output output,
        Duration interval,
        Duration passTimeout,
        Integer maxDeletes,
        boolean refuseDeleteAll,
        String events,
        Integer healthPort,
        String healthAddress,
        boolean watch,
        boolean dockerEvents,
        boolean verbose,
        LogLines.Format logFormat) {

    /** What a run does. */
    enum Mode {
        /** Passes until stopped (no --once or --dry-run). */
        LONG_LIVED,
        /** One pass, then exit (--once). */
        ONCE,
        /** One plan, nothing written (--dry-run). */
        DRY_RUN
    }

    /** How the report of one pass or plan is printed. */
    enum Output {
        /** DECNET's counts line, and lines for problems (and changes, with --dry-run or -v). */
        TEXT,
        /** One JSON object on stdout (--json). */
        JSON
    }

    /** One pass or one plan, then exit. */
    boolean once() {
        return mode != Mode.LONG_LIVED;
    }

    /** Plan only, write nothing. */
    boolean dryRun() {
        return mode == Mode.DRY_RUN;
    }

    /** Print the report as one JSON object. */
    boolean json() {
        return output == Output.JSON;
    }

    static final String STATE_ENV = "DECNET_STATE_FILE";
    static final String DB_ENV = "DECNET_DB_URL";
    static final String DOCKER_ENV = "DOCKER_HOST";
    static final String DEFAULT_STATE = "./decnet-state.json";
    static final String DEFAULT_DB = "jdbc:sqlite:decnet.db";
    static final String DEFAULT_DOCKER = "unix:///var/run/docker.sock";
    static final int DEFAULT_INTERVAL_SECONDS = 30;
    static final int DEFAULT_PASS_TIMEOUT_SECONDS = 60;
    static final int MAX_SECONDS = 86_400;

    /** Combines the parsed flags with {@code env}; throws {@link UsageError} naming the flag that is wrong. */
    static Settings resolve(ReconcileCommand flags, Map<String, String> env, String defaultDockerHost) {
        // --json is a format, not a mode: alone it prints the long-lived worker's passes as JSON lines.
        boolean once = flags.once || flags.dryRun;
        if (once && flags.interval != null) {
            throw new UsageError("--interval is for the long-lived mode; drop it, or drop --once"
                    + (flags.dryRun ? "/--dry-run" : ""));
        }
        if (once && flags.healthPort != null) {
            throw new UsageError("--health-port is for the long-lived mode (without --once or --dry-run)");
        }
        int intervalSeconds = flags.interval != null ? flags.interval : DEFAULT_INTERVAL_SECONDS;
        checkSeconds("--interval", intervalSeconds);
        int timeoutSeconds = flags.passTimeout != null ? flags.passTimeout : DEFAULT_PASS_TIMEOUT_SECONDS;
        checkSeconds("--pass-timeout", timeoutSeconds);
        if (flags.maxDeletes != null && flags.maxDeletes < 0) {
            throw new UsageError("--max-deletes must be 0 or more, was " + flags.maxDeletes);
        }
        if (flags.healthPort != null && (flags.healthPort < 0 || flags.healthPort > 65_535)) {
            throw new UsageError("--health-port must be between 0 and 65535, was " + flags.healthPort);
        }
        String hostUuid = flags.hostUuid == null ? "local" : flags.hostUuid;
        if (HostUuids.isBlank(hostUuid)) {
            throw new UsageError("--host-uuid must not be blank (the default is 'local'); a blank id would mean "
                    + "every host");
        }
        if (!hostUuid.strip().equals(hostUuid) || hostUuid.codePoints().anyMatch(Character::isISOControl)) {
            // Never trimmed: ' local' trimmed to 'local' would reconcile (and delete) another host's rows.
            throw new UsageError("--host-uuid " + Printable.quoted(hostUuid) + " has white space around it or a "
                    + "control character in it; give the host id exactly as DECNET stores it");
        }

        String stateOrigin;
        String state;
        if (flags.state != null) {
            state = flags.state;
            stateOrigin = "--state";
        } else if (nonBlank(env.get(STATE_ENV))) {
            state = env.get(STATE_ENV);
            stateOrigin = STATE_ENV;
        } else {
            state = DEFAULT_STATE;
            stateOrigin = "the default";
        }
        if (state.isBlank()) {
            throw new UsageError("--state must not be blank");
        }
        String db = pick("--db", flags.db, env.get(DB_ENV), DEFAULT_DB);
        checkDbUrl(db);
        String docker;
        String dockerOrigin;
        Path dockerTls = null;
        if (flags.dockerHost != null || nonBlank(env.get(DOCKER_ENV))) {
            docker = pick("--docker-host", flags.dockerHost, env.get(DOCKER_ENV), defaultDockerHost);
            dockerOrigin = flags.dockerHost != null ? "--docker-host" : DOCKER_ENV;
        } else {
            // As the docker CLI: with neither, DOCKER_CONTEXT (or config.json's currentContext) names the daemon.
            DockerContexts.Endpoint context = DockerContexts.selected(env).orElse(null);
            docker = context != null ? context.host() : defaultDockerHost;
            dockerOrigin = context != null ? "Docker context '" + context.name() + "' from " + context.origin()
                    : "the default";
            dockerTls = context != null ? context.tls() : null;
        }
        boolean dockerGiven = !dockerOrigin.equals("the default");
        if (flags.json && "-".equals(flags.events)) {
            throw new UsageError("--events - would mix event lines into --json's output on stdout; give "
                    + "--events a file");
        }

        Mode mode = flags.dryRun ? Mode.DRY_RUN : once ? Mode.ONCE : Mode.LONG_LIVED;
        return new Settings(Path.of(state), stateOrigin, db, docker, dockerGiven, dockerOrigin, dockerTls,
                flags.requireDocker, hostUuid, mode,
                flags.json ? Output.JSON : Output.TEXT, Duration.ofSeconds(intervalSeconds),
                Duration.ofSeconds(timeoutSeconds),
                flags.maxDeletes, flags.refuseDeleteAll, flags.events, flags.healthPort, flags.healthAddress,
                flags.watch, flags.dockerEvents, flags.verbose,
                flags.logFormat != null ? flags.logFormat : LogLines.Format.text);
    }

    /** The reconcile rules' choices: DECNET's, plus the deletion guard when the operator opted in. */
    ReconcilePolicy policy() {
        ReconcilePolicy.Builder policy = ReconcilePolicy.builder().refuseDeletingAllRows(refuseDeleteAll);
        if (maxDeletes != null) {
            policy.maxDeletesPerPass(maxDeletes);
        }
        return policy.build();
    }

    /** The database URL as it may be printed. */
    String maskedDbUrl() {
        return Redaction.scrub(dbUrl, dbUrl);
    }

    private static void checkDbUrl(String url) {
        if (!JdbcUrls.isSupported(url)) {
            throw new UsageError("unsupported database URL '" + Redaction.mask(url) + "' (from --db or " + DB_ENV
                    + "): use " + urlShapes());
        }
        if (url.toLowerCase(Locale.ROOT).equals("jdbc:sqlite:")) {
            throw new UsageError("--db jdbc:sqlite: needs a file name, e.g. jdbc:sqlite:/var/lib/decnet/decnet.db");
        }
        sqliteFile(url).map(file -> file.toAbsolutePath().getParent()).filter(Files::notExists).ifPresent(dir -> {
            // SQLite would only say SQLITE_CANTOPEN; it creates the file, never its directory.
            throw new UsageError("database_directory_missing", "the directory " + dir + " of the SQLite database "
                    + Redaction.mask(url) + " (from --db or " + DB_ENV + ") does not exist; create it, or point "
                    + "--db at DECNET's database (e.g. jdbc:sqlite:/var/lib/decnet/decnet.db)", null);
        });
    }

    /** The file of a {@code jdbc:sqlite:} URL; empty for other databases and in-memory SQLite. */
    static Optional<Path> sqliteFile(String url) {
        if (!url.regionMatches(true, 0, "jdbc:sqlite:", 0, "jdbc:sqlite:".length())) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        String name = query >= 0 ? rest.substring(0, query) : rest;
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        }
        if (name.isEmpty() || name.startsWith(":memory:") || name.startsWith("//")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(name));
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** The store's schemes as URLs to fill in: {@code jdbc:sqlite:FILE, jdbc:postgresql://HOST/DB, ... or ...}. */
    private static String urlShapes() {
        List<String> shapes = JdbcUrls.schemes().stream()
                .map(scheme -> scheme + (scheme.equals("jdbc:sqlite:") ? "FILE" : "//HOST/DB"))
                .toList();
        int last = shapes.size() - 1;
        return String.join(", ", shapes.subList(0, last)) + " or " + shapes.get(last);
    }

    private static void checkSeconds(String flag, int seconds) {
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new UsageError(flag + " must be between 1 and " + MAX_SECONDS + " seconds, was " + seconds);
        }
    }

    private static String pick(String name, String flag, String envValue, String fallback) {
        if (flag != null) {
            if (flag.isBlank()) {
                throw new UsageError(name + " was given an empty value; drop it to use the environment or the "
                        + "default (" + fallback + ")");
            }
            return flag.trim();
        }
        return nonBlank(envValue) ? envValue.trim() : fallback;
    }

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }
}
