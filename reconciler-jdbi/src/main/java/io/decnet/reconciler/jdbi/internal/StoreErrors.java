package io.decnet.reconciler.jdbi.internal;

import io.decnet.reconciler.api.FleetStoreException;
import java.io.IOException;
import java.net.UnknownHostException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Locale;
import org.jdbi.v3.core.ConnectionException;

/**
 * Turns JDBI and driver exceptions (a {@link org.jdbi.v3.core.JdbiException} or an {@link SQLException}) into
 * {@link FleetStoreException}s whose message says what failed, where and
 * why, in one line, without credentials and without the SQL text. Stateless, thread-safe.
 */
public final class StoreErrors {
    private StoreErrors() {
    }

    /**
     * The store exception for {@code failure}, raised while doing {@code action} (e.g. "read table fleet_deckies")
     * on {@code where}; the passwords of {@code url} (when the store was opened from one, else {@code null}) are
     * masked even where the driver quotes them bare (MariaDB: "Incorrect port value : hunter2@db").
     */
    public static FleetStoreException translate(Exception failure, String action, String where, Access access,
            String url) {
        String reason = reason(failure);
        if (reason.startsWith("[SQLITE_FULL]") || reason.startsWith("[SQLITE_IOERR")) {
            reason += " (is the file system full, or failing?)";
        }
        String message = failure instanceof ConnectionException
                ? "cannot connect to " + where + ": " + reason
                : "cannot " + action + " in " + where + ": " + reason;
        return new FleetStoreException(Credentials.scrub(message + (access == Access.WRITE ? "; nothing was applied" : ""), url),
                failure);
    }

    /** What the failed call was doing: a write says that nothing of it was applied (one transaction). */
    public enum Access {
        /** Reading, or preparing the table. */
        READ,
        /** Applying a pass's changes. */
        WRITE
    }

    /** The most telling message in {@code failure}'s causes: a network error's, else the database's. */
    static String reason(Throwable failure) {
        SQLException sql = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof IOException && t.getMessage() != null) {
                return sentence(t.getMessage());
            }
            if (sql == null && t instanceof SQLException e) {
                sql = e instanceof BatchUpdateException && e.getNextException() != null ? e.getNextException() : e;
            }
        }
        if (sql != null && sql.getMessage() != null) {
            return sentence(sql.getMessage().strip());
        }
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    /** A clause to go inside our own sentence: lower-case first letter, no closing full stop. */
    private static String sentence(String message) {
        if (message.endsWith(".") && !message.endsWith("..")) {
            message = message.substring(0, message.length() - 1);
        }
        if (message.length() > 1 && Character.isUpperCase(message.charAt(0)) && Character.isLowerCase(message.charAt(1))) {
            return message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
        }
        return message;
    }
}
