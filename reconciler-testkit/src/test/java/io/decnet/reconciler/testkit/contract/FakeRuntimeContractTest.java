package io.decnet.reconciler.testkit.contract;

import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.api.RuntimeInspector;
import io.decnet.reconciler.testkit.FakeRuntime;

class FakeRuntimeContractTest extends RuntimeInspectorContract {
    private final FakeRuntime runtime = FakeRuntime.create();

    @Override
    protected void givenContainer(String name, ContainerStatus status) {
        runtime.container(name, status);
    }

    @Override
    protected RuntimeInspector inspector() {
        return runtime;
    }

    @Override
    protected RuntimeInspector unreachableInspector() {
        return FakeRuntime.create().unreachable("connection refused: /nonexistent.sock");
    }

    @Override
    protected boolean supportsPaused() {
        return true;
    }
}
