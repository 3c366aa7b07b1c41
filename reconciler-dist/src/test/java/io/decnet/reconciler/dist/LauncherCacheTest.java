package io.decnet.reconciler.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/fleet-reconciler}'s class-data cache: it keeps the archive of the jar's current build only, and prunes
 * what no run can use any more. The launcher runs as it is, with a stand-in {@code java} (JAVA_HOME) that writes the
 * archive a real JVM would write at exit, so these tests need no JVM start-up and no build of the jar.
 */
class LauncherCacheTest {
    private static final Path LAUNCHER = Path.of(System.getProperty("fleet.root", ".."), "bin", "fleet-reconciler");

    @TempDir
    Path dir;
    private Path jar;
    private Path cache;
    private Path javaHome;

    @BeforeEach
    void aJarAndAStandInJava() throws IOException {
        jar = Files.writeString(dir.resolve("fleet-reconciler.jar"), "build 1");
        cache = dir.resolve("cache");
        javaHome = dir.resolve("jdk");
        Path java = javaHome.resolve("bin/java");
        Files.createDirectories(java.getParent());
        // Writes the archive -XX:ArchiveClassesAtExit=FILE asks for, as a JVM does at exit; logs its arguments.
        Files.writeString(java, """
                #!/usr/bin/env bash
                printf '%s\\n' "$*" >> "$(dirname "$0")/calls"
                for a in "$@"; do
                  case $a in -XX:ArchiveClassesAtExit=*) printf 'archive' > "${a#-XX:ArchiveClassesAtExit=}";; esac
                done
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aOneShotRunRecordsAnArchiveAndTheNextRunMapsIt() throws Exception {
        run("reconcile", "--once");
        assertThat(archives()).hasSize(1);
        Path archive = archives().get(0);

        run("reconcile", "--once");

        assertThat(archives()).containsExactly(archive);
        assertThat(calls()).last().asString().contains("-XX:SharedArchiveFile=" + archive);
    }

    @Test
    void aNewBuildOfTheJarDeletesTheArchiveOfTheOldBuild() throws Exception {
        run("reconcile", "--once");
        Path old = archives().get(0);

        rebuild("build 2, a bigger jar");
        run("reconcile", "--once");

        assertThat(archives()).hasSize(1).doesNotContain(old);
    }

    @Test
    void aNewBuildPrunesTheOldArchiveAlsoInLongLivedModeWhichRecordsNone() throws Exception {
        run("reconcile", "--once");
        rebuild("build 2, a bigger jar");

        run("reconcile", "--interval", "30");

        assertThat(archives()).isEmpty();
    }

    @Test
    void archivesOfOtherJarsStayUntilTheyHaveNotBeenUsedForThirtyDays() throws Exception {
        Files.createDirectories(cache);
        Path otherRecent = Files.writeString(cache.resolve("123-1700000000-42.jsa"), "another checkout's");
        Path otherUnused = Files.writeString(cache.resolve("456-1600000000-43.jsa"), "an old install's");
        age(otherUnused, Duration.ofDays(31));

        run("reconcile", "--once");

        assertThat(archives()).contains(otherRecent).doesNotContain(otherUnused).hasSize(2);
    }

    @Test
    void anArchiveInUseIsNotPrunedAsUnused() throws Exception {
        run("reconcile", "--once");
        Path archive = archives().get(0);
        age(archive, Duration.ofDays(40));

        run("reconcile", "--once");

        assertThat(archives()).containsExactly(archive);
        assertThat(Files.getLastModifiedTime(archive).toInstant()).isAfter(Instant.now().minus(Duration.ofDays(1)));
    }

    @Test
    void temporaryFilesOfRunsThatDiedArePrunedOnceAnHourOld() throws Exception {
        Files.createDirectories(cache);
        Path dead = Files.writeString(cache.resolve(".archive.AbC123"), "half an archive");
        age(dead, Duration.ofHours(2));
        Path writing = Files.writeString(cache.resolve(".archive.XyZ789"), "a run writing now");

        run("reconcile", "--once");

        assertThat(dead).doesNotExist();
        assertThat(writing).exists();
    }

    @Test
    void withTheCacheOffNothingIsRecordedOrPruned() throws Exception {
        Files.createDirectories(cache);
        Path stale = Files.writeString(cache.resolve("1-1-" + jarId() + ".jsa"), "a gone build's");

        run(Map.of("FLEET_RECONCILER_CDS", "off"), "reconcile", "--once");

        assertThat(archives()).containsExactly(stale);
        assertThat(calls()).last().asString().doesNotContain("SharedArchive", "ArchiveClassesAtExit");
    }

    private void rebuild(String content) throws IOException {
        Files.writeString(jar, content);
        age(jar, Duration.ofMinutes(-1)); // another mtime, whatever the file system's resolution
    }

    private static void age(Path file, Duration by) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(by)));
    }

    /** The launcher's id of the jar's path: the cksum of the path. */
    private String jarId() throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "printf '%s' \"$1\" | cksum | cut -d' ' -f1", "-",
                jar.toRealPath().toString()).start();
        String id = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).isZero();
        return id;
    }

    private List<Path> archives() throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsa")).sorted().toList();
        }
    }

    private List<String> calls() throws IOException {
        return Files.readAllLines(javaHome.resolve("bin/calls"));
    }

    private void run(String... args) throws Exception {
        run(Map.of(), args);
    }

    private void run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().put("FLEET_RECONCILER_JAR", jar.toString());
        pb.environment().put("FLEET_RECONCILER_CACHE", cache.toString());
        pb.environment().remove("FLEET_RECONCILER_CDS");
        pb.environment().remove("FLEET_RECONCILER_CACHE_DAYS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
        assertThat(p.exitValue()).as("exit code; output: %s", output).isZero();
    }
}
