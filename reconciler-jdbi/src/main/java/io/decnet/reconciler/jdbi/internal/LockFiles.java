package io.decnet.reconciler.jdbi.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * One open channel per lock file for the whole process, shared by every SQLite lease on it and closed when the last
 * one lets go. POSIX record locks belong to the process, and closing <em>any</em> descriptor of a file drops all of
 * the process's locks on it: a second store on the same database that opened and closed a channel of its own would
 * silently free the first store's lease for other processes. The state is process-wide because the resource is
 * (the one deliberate exception to "no global mutable state"); it holds only open channels and their counts.
 * Thread-safe.
 */
final class LockFiles {
    private static final Map<Path, Shared> OPEN = new HashMap<>();

    private LockFiles() {
    }

    /** A channel shared on {@code file} (created if absent); give it back with {@link #release}. */
    static synchronized FileChannel acquire(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        Shared shared = OPEN.get(key);
        if (shared == null || !shared.channel.isOpen()) {
            shared = new Shared(FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE));
            OPEN.put(key, shared);
        }
        shared.users++;
        return shared.channel;
    }

    /** Gives back a channel from {@link #acquire}; the last user's release closes it. */
    static synchronized void release(Path file) {
        Path key = file.toAbsolutePath().normalize();
        Shared shared = OPEN.get(key);
        if (shared == null || --shared.users > 0) {
            return;
        }
        OPEN.remove(key);
        try {
            shared.channel.close();
        } catch (IOException e) {
            // closed anyway
        }
    }

    private static final class Shared {
        private final FileChannel channel;
        private int users;

        Shared(FileChannel channel) {
            this.channel = channel;
        }
    }
}
