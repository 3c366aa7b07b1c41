package io.decnet.reconciler.jdbi.internal;

import io.decnet.reconciler.api.DeckyState;
import java.sql.Types;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * How the store's values become SQL arguments in one table: an {@link Instant} as that database's timestamp (text
 * on SQLite, {@code TIMESTAMP}/{@code DATETIME} elsewhere) cut to the column's precision, a {@link DeckyState} as
 * its text. Registered once on the store's {@link Jdbi} when the table is known, so that statements bind plain
 * values by name ({@code bindByType(":updated_at", instant, Instant.class)}).
 */
final class ColumnArguments {
    private ColumnArguments() {
    }

    /** Registers the conversions of {@code table} on {@code jdbi} (replacing Jdbi's own for these types). */
    static void register(Jdbi jdbi, FleetTable table) {
        jdbi.registerArgument(new Timestamps(table.dialect(), table.precisionNanos()));
        jdbi.registerArgument(new States());
    }

    private static final class Timestamps extends AbstractArgumentFactory<Instant> {
        private final Dialect dialect;
        private final long precisionNanos;

        Timestamps(Dialect dialect, long precisionNanos) {
            super(dialect == Dialect.SQLITE ? Types.VARCHAR : Types.TIMESTAMP);
            this.dialect = dialect;
            this.precisionNanos = precisionNanos;
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return dialect.timestamp(value, precisionNanos);
        }
    }

    private static final class States extends AbstractArgumentFactory<DeckyState> {
        States() {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(DeckyState value, ConfigRegistry config) {
            String text = value.value();
            return (position, statement, context) -> statement.setString(position, text);
        }
    }
}
