package io.decnet.reconciler.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.decnet.reconciler.api.FleetEventListener;
import io.decnet.reconciler.api.FleetStore;
import io.decnet.reconciler.api.RuntimeInspector;
import io.decnet.reconciler.api.StateSource;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.decnet.reconciler.core");

    /** The pure part of a pass: the planner and what it computes with. */
    private static final String[] PURE = {
        Planner.class.getName(), DeckyHealth.class.getName(), ConfigJson.class.getName(), Plan.class.getName(),
        Plan.PlannedChange.class.getName()
    };

    @Test
    void coreDependsOnNeitherDockerNorJdbiNorJdbc() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "com.github.dockerjava..", "org.jdbi..", "java.sql..", "javax.sql..",
                        "io.decnet.reconciler.testkit..", "io.decnet.reconciler.jdbi..",
                        "io.decnet.reconciler.docker..")
                .check(CORE);
    }

    @Test
    void thePlannerDoesNoIo() {
        noClasses().that().haveNameMatching(anyOf(PURE))
                .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio.file..", "java.net..")
                .check(CORE);
    }

    @Test
    void thePlannerNeverReadsAClock() {
        noClasses().that().haveNameMatching(anyOf(PURE))
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(Clock.class, "instant")
                .orShould().callMethod(Clock.class, "millis")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
                .check(CORE);
    }

    @Test
    void thePlannerDoesNotCallThePorts() {
        noClasses().that().haveNameMatching(anyOf(PURE))
                .should().dependOnClassesThat().areAssignableTo(StateSource.class)
                .orShould().dependOnClassesThat().areAssignableTo(FleetStore.class)
                .orShould().dependOnClassesThat().areAssignableTo(RuntimeInspector.class)
                .orShould().dependOnClassesThat().areAssignableTo(FleetEventListener.class)
                .check(CORE);
    }

    @Test
    void onlyTheSlf4jApiIsUsedForLogging() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.slf4j.simple..", "org.slf4j.impl..", "java.util.logging..", "org.apache.logging..",
                        "ch.qos.logback..")
                .orShould().callMethod(System.class, "exit", int.class)
                .check(CORE);
    }

    private static String anyOf(String... classNames) {
        StringBuilder regex = new StringBuilder();
        for (String name : classNames) {
            regex.append(regex.length() == 0 ? "" : "|").append(java.util.regex.Pattern.quote(name));
        }
        return regex.toString();
    }
}
