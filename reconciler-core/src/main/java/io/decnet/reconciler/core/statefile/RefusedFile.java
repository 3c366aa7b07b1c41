package io.decnet.reconciler.core.statefile;

import java.io.IOException;

/** A file the reader will not read: too big, or not a regular file. The message says which, for the reason. */
final class RefusedFile extends IOException {
    private static final long serialVersionUID = 1L;

    RefusedFile(String message) {
        super(message);
    }
}
