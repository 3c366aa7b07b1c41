package io.decnet.reconciler.docker.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** This JVM's live threads and open file descriptors, to prove a loop leaks neither. */
public record ProcessResources(int threads, long fileDescriptors) {

    public static ProcessResources now() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return new ProcessResources(ManagementFactory.getThreadMXBean().getThreadCount(), fds.count());
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc/self/fd", e);
        }
    }
}
