package io.decnet.reconciler.testkit.junit;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;

/**
 * For tests that need a real service (a Docker engine, a database server) named by an environment variable: in
 * CI ({@code CI=true}) a missing service fails the test; elsewhere the test is skipped (aborted) with a message
 * saying how to start the service.
 *
 * <pre>{@code
 * @BeforeAll
 * static void database() {
 *     url = ExternalService.requireEnv("FLEET_IT_POSTGRES_URL",
 *             "run: scripts/services/databases.sh start && eval \"$(scripts/services/databases.sh env)\"");
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ExternalService {
    /** The variable that marks a CI run; its value {@code true} (any case) makes missing services fail. */
    public static final String CI_VARIABLE = "CI";

    private ExternalService() {
    }

    /**
     * The value of the environment variable {@code variable}.
     *
     * @param variable the variable that locates the service, e.g. {@code FLEET_IT_DOCKER_HOST}
     * @param howToStart what a developer runs to start the service and export the variable
     * @return the variable's value, when set and not blank
     * @throws AssertionError when it is missing and {@code CI=true}: the test fails
     * @throws org.opentest4j.TestAbortedException when it is missing otherwise: the test is skipped
     */
    public static String requireEnv(String variable, String howToStart) {
        return requireEnv(variable, howToStart, System::getenv);
    }

    /** {@link #requireEnv(String, String)} over the environment {@code env} (a seam for tests). */
    static String requireEnv(String variable, String howToStart, UnaryOperator<String> env) {
        if (variable == null || variable.isBlank()) {
            throw new IllegalArgumentException("name the environment variable that locates the service");
        }
        Objects.requireNonNull(howToStart, "howToStart");
        String value = env.apply(variable);
        if (value != null && !value.isBlank()) {
            return value;
        }
        String message = "environment variable " + variable + " is not set, so the service this test needs is "
                + "not available; to start it: " + howToStart;
        if ("true".equalsIgnoreCase(String.valueOf(env.apply(CI_VARIABLE)).strip())) {
            throw new AssertionError(message + " (" + CI_VARIABLE + "=true: a test that needs a service fails "
                    + "instead of skipping)");
        }
        return Assumptions.abort(message);
    }
}
