package io.decnet.reconciler.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What each published library jar carries for its users, as the reactor built it: an
 * {@code Automatic-Module-Name} (so that modular applications can require it under a stable name), and its sources
 * and javadoc jars beside it (the javadoc without the {@code internal} packages, which are not API).
 */
class LibraryJarsIT {
    private static final Path ROOT = Path.of(System.getProperty("fleet.root", ".."));
    private static final String VERSION = System.getProperty("fleet.version", "0.1.0-SNAPSHOT");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "reconciler-api, io.decnet.reconciler.api",
        "reconciler-core, io.decnet.reconciler.core",
        "reconciler-jdbi, io.decnet.reconciler.jdbi",
        "reconciler-docker, io.decnet.reconciler.docker",
        "reconciler-testkit, io.decnet.reconciler.testkit",
        "reconciler-micrometer, io.decnet.reconciler.micrometer",
        "reconciler-spring-boot-autoconfigure, io.decnet.reconciler.spring",
        "reconciler-cli, io.decnet.reconciler.cli",
    })
    void eachJarHasItsModuleNameSourcesAndJavadoc(String module, String moduleName) throws IOException {
        Path target = ROOT.resolve(module).resolve("target");
        try (JarFile jar = new JarFile(target.resolve(module + "-" + VERSION + ".jar").toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name")).isEqualTo(moduleName);
        }
        assertThat(target.resolve(module + "-" + VERSION + "-sources.jar")).isRegularFile();
        Path javadoc = target.resolve(module + "-" + VERSION + "-javadoc.jar");
        assertThat(javadoc).isRegularFile();
        try (JarFile jar = new JarFile(javadoc.toFile())) {
            assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.contains("/internal/"))).isEmpty();
            assertThat(jar.getEntry("index.html")).isNotNull();
        }
    }
}
