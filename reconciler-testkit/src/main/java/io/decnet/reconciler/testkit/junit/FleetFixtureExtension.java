package io.decnet.reconciler.testkit.junit;

import io.decnet.reconciler.testkit.time.ManualClock;
import java.time.Instant;
import java.util.Objects;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a fresh {@link FleetFixture}: declare a {@code FleetFixture} parameter on a test method, or on a
 * {@code @BeforeEach} or {@code @AfterEach} method, which then gets the same fixture as its test.
 *
 * <pre>{@code
 * @ExtendWith(FleetFixtureExtension.class)          // host "local", clock at ManualClock.DEFAULT_START
 * class MyReconcilerTest {
 *     @Test
 *     void aDeckyMissingFromTheFileLosesItsRow(FleetFixture fleet) {
 *         fleet.store().put(Rows.row("gone-01").host(fleet.host()).build());
 *
 *         ReconcileReport report = fleet.run(Reconciler.create()::reconcileOnce);
 *
 *         assertThat(report).hasCounts(0, 1, 0);
 *     }
 * }
 *
 * class OtherHostTest {
 *     @RegisterExtension
 *     static final FleetFixtureExtension FLEET = FleetFixtureExtension.create().withHost("host-b")
 *             .withClockAt(Instant.parse("2026-03-01T12:00:00Z"));
 *     ...
 * }
 * }</pre>
 *
 * <p>Each test (each invocation of a parameterized test) gets its own fixture; a constructor or a
 * {@code @BeforeAll} method cannot ask for one, since it serves more than one test.
 *
 * <p>Immutable and thread-safe.
 */
public final class FleetFixtureExtension implements ParameterResolver {
    /** The host a fixture reconciles unless {@link #withHost} says otherwise: DECNET's default, {@code local}. */
    public static final String DEFAULT_HOST = "local";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FleetFixtureExtension.class);

    private final String host;
    private final Instant start;

    /** As {@link #create()}; for {@code @ExtendWith(FleetFixtureExtension.class)}. */
    public FleetFixtureExtension() {
        this(DEFAULT_HOST, ManualClock.DEFAULT_START);
    }

    private FleetFixtureExtension(String host, Instant start) {
        this.host = host;
        this.start = start;
    }

    /** Fixtures for host {@value #DEFAULT_HOST}, clock at {@link ManualClock#DEFAULT_START}. */
    public static FleetFixtureExtension create() {
        return new FleetFixtureExtension();
    }

    /**
     * A copy whose fixtures reconcile {@code hostUuid}.
     *
     * @throws IllegalArgumentException when {@code hostUuid} is null or blank (a reconciler refuses those too)
     */
    public FleetFixtureExtension withHost(String hostUuid) {
        if (hostUuid == null || hostUuid.isBlank()) {
            throw new IllegalArgumentException("hostUuid must name one host, got "
                    + (hostUuid == null ? "null" : "\"" + hostUuid + "\""));
        }
        return new FleetFixtureExtension(hostUuid, start);
    }

    /** A copy whose fixtures' clocks start at {@code start}. */
    public FleetFixtureExtension withClockAt(Instant start) {
        return new FleetFixtureExtension(host, Objects.requireNonNull(start, "start"));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FleetFixture.class;
    }

    @Override
    public FleetFixture resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("a FleetFixture belongs to one test, so "
                    + parameter.getDeclaringExecutable().getName() + " cannot ask for one; declare the parameter on "
                    + "the @Test method, or on a @BeforeEach or @AfterEach method, which shares its test's fixture");
        }
        // The method's own store: a fixture per test, shared with that test's @BeforeEach and @AfterEach methods.
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(FleetFixture.class,
                key -> new FleetFixture(host, start), FleetFixture.class);
    }

    @Override
    public String toString() {
        return "FleetFixtureExtension[host=" + host + ", clockAt=" + start + "]";
    }
}
