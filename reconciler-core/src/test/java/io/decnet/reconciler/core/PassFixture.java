package io.decnet.reconciler.core;

import io.decnet.reconciler.api.ReconcileReport;
import io.decnet.reconciler.testkit.FakeRuntime;
import io.decnet.reconciler.testkit.InMemoryFleetStore;
import io.decnet.reconciler.testkit.InMemoryStateSource;
import io.decnet.reconciler.testkit.RecordingListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** The three fakes, a recording listener and a reconciler on a fixed clock, fresh for each test. */
abstract class PassFixture {

    static final String HOST = "local";
    static final String PEER = "host-b";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    final InMemoryStateSource state = InMemoryStateSource.create();
    final InMemoryFleetStore store = InMemoryFleetStore.create();
    final FakeRuntime docker = FakeRuntime.create();
    final RecordingListener events = RecordingListener.create();

    Reconciler reconciler(ReconcilePolicy policy) {
        return Reconciler.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).policy(policy).listener(events).build();
    }

    ReconcileReport pass() {
        return pass(ReconcilePolicy.defaults());
    }

    ReconcileReport pass(ReconcilePolicy policy) {
        return reconciler(policy).reconcileOnce(state, store, docker, HOST);
    }

    static Instant ago(Duration duration) {
        return NOW.minus(duration);
    }
}
