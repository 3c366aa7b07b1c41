package io.decnet.reconciler.jdbi;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A DataSource over a JDBC URL that records every statement execution, batch and commit going through its
 * connections, so that tests can count round trips. Thread-safe (records under a lock).
 */
final class CountingDataSource extends UrlDataSource {
    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "executeBatch", "executeLargeBatch");

    /** One execution: the statement's SQL, the JDBC method, and for a batch how many entries it carried. */
    record Execution(String sql, String method, int batchSize) {
        boolean isSelect() {
            return sql.stripLeading().regionMatches(true, 0, "SELECT", 0, 6);
        }
    }

    private final List<Execution> executions = new ArrayList<>();
    private int commits;
    private int rollbacks;
    private int connections;
    private volatile boolean hideBatchCounts;

    CountingDataSource(String url) {
        super(url);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        synchronized (this) {
            connections++;
        }
        return (Connection) proxy(Connection.class, connection, (target, method, args) -> {
            switch (method.getName()) {
                case "commit" -> count(true);
                case "rollback" -> count(false);
                default -> { }
            }
            Object result = invoke(target, method, args);
            if (result instanceof Statement statement && method.getName().startsWith("prepare")) {
                return wrap(statement, (String) args[0]);
            }
            if (result instanceof Statement statement && method.getName().equals("createStatement")) {
                return wrap(statement, null);
            }
            return result;
        });
    }

    synchronized List<Execution> executions() {
        return List.copyOf(executions);
    }

    synchronized int commits() {
        return commits;
    }

    synchronized int rollbacks() {
        return rollbacks;
    }

    synchronized int connections() {
        return connections;
    }

    /**
     * Makes every batch report {@link Statement#SUCCESS_NO_INFO} per entry after it ran, as some drivers do with
     * rewritten or bulk batches.
     */
    void hideBatchCounts() {
        hideBatchCounts = true;
    }

    synchronized void reset() {
        executions.clear();
        commits = 0;
        rollbacks = 0;
        connections = 0;
    }

    private synchronized void count(boolean commit) {
        if (commit) {
            commits++;
        } else {
            rollbacks++;
        }
    }

    private synchronized void record(Execution execution) {
        executions.add(execution);
    }

    private Statement wrap(Statement statement, String preparedSql) {
        Class<?> type = statement instanceof java.sql.PreparedStatement
                ? java.sql.PreparedStatement.class : Statement.class;
        int[] pending = {0};
        return (Statement) proxy(type, statement, (target, method, args) -> {
            String name = method.getName();
            if (name.equals("addBatch")) {
                pending[0]++;
            } else if (EXECUTIONS.contains(name)) {
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
                record(new Execution(sql, name, name.contains("Batch") ? pending[0] : 0));
                if (name.contains("Batch")) {
                    pending[0] = 0;
                }
            }
            Object result = invoke(target, method, args);
            if (hideBatchCounts && result instanceof int[] counts) {
                java.util.Arrays.fill(counts, Statement.SUCCESS_NO_INFO);
            }
            return result;
        });
    }

    private interface Handler {
        Object handle(Object target, Method method, Object[] args) throws Throwable;
    }

    private static Object proxy(Class<?> type, Object target, Handler handler) {
        InvocationHandler invocation = (proxy, method, args) -> handler.handle(target, method, args);
        return Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type}, invocation);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
