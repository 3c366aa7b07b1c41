package io.decnet.reconciler.jdbi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The kept connection's rules, on mock connections: when one is reused, replaced or closed. */
class ReusedConnectionTest {
    private final List<Connection> opened = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();
    private final ReusedConnection reused = new ReusedConnection(this::open, Duration.ofMinutes(5),
            Duration.ofSeconds(2), nanos::get);

    private Connection open() throws SQLException {
        Connection c = mock(Connection.class);
        when(c.getAutoCommit()).thenReturn(true);
        when(c.isValid(anyInt())).thenReturn(true);
        opened.add(c);
        return c;
    }

    @Test
    void aConnectionHandedBackServesTheNextCall() throws SQLException {
        Connection first = reused.openConnection();
        reused.closeConnection(first);
        Connection second = reused.openConnection();

        assertThat(second).isSameAs(first);
        assertThat(opened).hasSize(1);
        verify(first, never()).close();
    }

    @Test
    void aConnectionThatFailsValidationIsClosedAndReplaced() throws SQLException {
        Connection first = reused.openConnection();
        reused.closeConnection(first);
        when(first.isValid(anyInt())).thenReturn(false); // the server restarted meanwhile

        Connection second = reused.openConnection();

        assertThat(second).isNotSameAs(first);
        verify(first).close();
    }

    @Test
    void aConnectionIdleForTheMaximumIsReplacedWithoutBeingAsked() throws SQLException {
        Connection first = reused.openConnection();
        reused.closeConnection(first);
        nanos.addAndGet(Duration.ofMinutes(5).toNanos());

        assertThat(reused.openConnection()).isNotSameAs(first);
        verify(first).close();
        verify(first, never()).isValid(anyInt());
    }

    @Test
    void aConnectionLeftInATransactionOrAlreadyClosedIsNotKept() throws SQLException {
        Connection inTransaction = reused.openConnection();
        when(inTransaction.getAutoCommit()).thenReturn(false);
        reused.closeConnection(inTransaction);
        Connection closed = reused.openConnection();
        when(closed.isClosed()).thenReturn(true);
        reused.closeConnection(closed);

        assertThat(reused.holdsIdle()).isFalse();
        verify(inTransaction).close();
        assertThat(closed).isNotSameAs(inTransaction);
    }

    @Test
    void atMostOneIsKeptAndClosingTheFactoryClosesItAndEveryLaterOne() throws SQLException {
        Connection a = reused.openConnection();
        Connection b = reused.openConnection();
        reused.closeConnection(a);
        reused.closeConnection(b);
        verify(b).close();
        verify(a, never()).close();

        reused.close();
        verify(a).close();
        Connection c = reused.openConnection();
        reused.closeConnection(c);
        verify(c).close();
        assertThat(reused.holdsIdle()).isFalse();
    }
}
