package io.decnet.reconciler.core.statefile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * What the file system says about the state file without reading it: which file it is (device and inode where the
 * platform has them, else {@link BasicFileAttributes#fileKey()}), its size, its modification time and, on Unix, its
 * change time. Two equal stamps are the same file, unchanged as far as its metadata can tell; within one timestamp
 * tick a same-size rewrite keeps the stamp, which is why {@link StateFileSource} also compares the content's hash.
 *
 * <p>Immutable and thread-safe.
 *
 * @param identity device and inode, or the file key; {@code null} when the platform gives neither (the stamp then
 *     never matches another)
 * @param size in bytes
 * @param modified the modification time
 * @param changed the inode change time, or {@code null} where there is none
 * @param regularFile whether it is a regular file (not a directory, FIFO or device)
 */
record FileStamp(Object identity, long size, FileTime modified, FileTime changed, boolean regularFile) {

    private static final String UNIX = "unix:dev,ino,ctime,size,lastModifiedTime,isRegularFile";

    /** The stamp of {@code path} now, following symbolic links. */
    static FileStamp of(Path path) throws IOException {
        Map<String, Object> unix;
        try {
            unix = Files.readAttributes(path, UNIX);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class);
            return new FileStamp(basic.fileKey(), basic.size(), basic.lastModifiedTime(), null,
                    basic.isRegularFile());
        }
        return new FileStamp(new DeviceInode((Long) unix.get("dev"), (Long) unix.get("ino")),
                (Long) unix.get("size"), (FileTime) unix.get("lastModifiedTime"), (FileTime) unix.get("ctime"),
                (Boolean) unix.get("isRegularFile"));
    }

    /** Whether both stamps name one file, unchanged by its metadata. */
    boolean sameAs(FileStamp other) {
        return identity != null && equals(other);
    }

    private record DeviceInode(long device, long inode) {
    }
}
