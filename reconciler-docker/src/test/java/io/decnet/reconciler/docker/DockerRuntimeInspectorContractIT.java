package io.decnet.reconciler.docker;

import io.decnet.reconciler.api.ContainerStatus;
import io.decnet.reconciler.api.RuntimeInspector;
import io.decnet.reconciler.docker.support.DockerCli;
import io.decnet.reconciler.docker.support.TestEngine;
import io.decnet.reconciler.testkit.contract.RuntimeInspectorContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The testkit's runtime inspector contract, passed by {@link DockerRuntimeInspector} on the real engine. */
class DockerRuntimeInspectorContractIT extends RuntimeInspectorContract {
    private static DockerCli docker;
    private static DockerRuntimeInspector inspector;
    private final List<DockerRuntimeInspector> opened = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void engine() {
        docker = TestEngine.cli();
        inspector = DockerRuntimeInspector.builder().dockerHost(TestEngine.dockerHost()).build();
    }

    @AfterEach
    void removeContainers() {
        docker.removeAllMade();
        opened.forEach(DockerRuntimeInspector::close);
    }

    @AfterAll
    static void close() {
        if (inspector != null) {
            inspector.close();
        }
    }

    @Override
    protected void givenContainer(String name, ContainerStatus status) {
        switch (status.value()) {
            case "running" -> docker.running(name);
            case "exited" -> docker.exited(name);
            case "created" -> docker.created(name);
            case "paused" -> docker.paused(name);
            case "restarting" -> docker.restarting(name);
            default -> throw new IllegalArgumentException("cannot make a container in state " + status);
        }
    }

    @Override
    protected RuntimeInspector inspector() {
        return inspector;
    }

    @Override
    protected RuntimeInspector unreachableInspector() {
        DockerRuntimeInspector dead = DockerRuntimeInspector.builder().unixSocket(dir.resolve("nonexistent.sock"))
                .build();
        opened.add(dead);
        return dead;
    }

    @Override
    protected boolean supportsPaused() {
        return true;
    }
}
