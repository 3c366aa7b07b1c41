package io.decnet.reconciler.cli;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/**
 * Calls {@code onChange} when the state file is created, written, replaced or removed, so that the long-lived
 * worker runs a pass at once instead of at the next interval. Watches the file's directory (DECNET may replace the
 * file rather than write it in place). A half-written file is harmless: that pass finds it unreadable and changes
 * nothing, and the write's next event triggers another. One daemon thread; {@link #close()} ends it.
 */
final class StateFileWatcher implements AutoCloseable {
    private final WatchService watch;
    private final Thread thread;

    private StateFileWatcher(WatchService watch, Thread thread) {
        this.watch = watch;
        this.thread = thread;
    }

    /** @throws IOException when the directory cannot be watched (the caller goes on without watching) */
    static StateFileWatcher start(Path file, Runnable onChange) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        Path name = absolute.getFileName();
        WatchService watch = FileSystems.getDefault().newWatchService();
        try {
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | RuntimeException e) {
            watch.close();
            throw e;
        }
        Thread thread = new Thread(() -> loop(watch, name, onChange), "fleet-reconciler-state-watch");
        thread.setDaemon(true);
        thread.start();
        return new StateFileWatcher(watch, thread);
    }

    private static void loop(WatchService watch, Path name, Runnable onChange) {
        try {
            while (true) {
                WatchKey key = watch.take();
                boolean ours = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    // An overflow lost events: the file may have changed.
                    ours |= event.kind() == StandardWatchEventKinds.OVERFLOW || name.equals(event.context());
                }
                if (ours) {
                    onChange.run();
                }
                if (!key.reset()) {
                    return; // the directory went away
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: done
        }
    }

    @Override
    public void close() {
        try {
            watch.close();
            thread.join(2_000);
        } catch (IOException e) {
            // nothing to release beyond what close already did
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
