package io.decnet.reconciler.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The integration modules (micrometer, spring) use the library through its API only, and the library knows
 * nothing of them. (reconciler-cli's ModuleBoundariesTest covers the other modules; only this module has these two
 * on its class path.)
 */
class IntegrationBoundariesTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.decnet.reconciler");

    @Test
    void theIntegrationsUseNoInternalPackage() {
        noClasses().that().resideInAnyPackage("io.decnet.reconciler.spring..", "io.decnet.reconciler.micrometer..")
                .should().dependOnClassesThat().resideInAnyPackage("io.decnet.reconciler..internal..")
                .check(MAIN);
    }

    @Test
    void theLibraryDependsOnNeitherSpringNorMicrometer() {
        noClasses().that().resideInAnyPackage("io.decnet.reconciler.api..", "io.decnet.reconciler.core..",
                        "io.decnet.reconciler.jdbi..", "io.decnet.reconciler.docker..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.micrometer..",
                        "io.decnet.reconciler.spring..", "io.decnet.reconciler.micrometer..")
                .check(MAIN);
    }

    @Test
    void theMetricsModuleDoesNotDependOnSpring() {
        noClasses().that().resideInAnyPackage("io.decnet.reconciler.micrometer..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .check(MAIN);
    }
}
