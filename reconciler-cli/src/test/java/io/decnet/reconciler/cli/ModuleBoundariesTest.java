package io.decnet.reconciler.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Rules that span the modules. They live here because only the CLI has every module on its class path (the
 * testkit as a test dependency): the import holds the main classes of api, core, jdbi, docker and testkit, and the
 * CLI's main and test classes. The other modules' tests are not on this class path, but none of them has another
 * module with an {@code internal} package (jdbi, docker) on its own.
 */
class ModuleBoundariesTest {
    private static final String ROOT = "io.decnet.reconciler";
    private static final JavaClasses ALL = new ClassFileImporter().importPackages(ROOT);

    /** A package of a module's internals: group 1 is the module's package below {@link #ROOT}. */
    private static final Pattern INTERNAL =
            Pattern.compile(Pattern.quote(ROOT) + "\\.([^.]+)(?:\\..+)?\\.internal(?:\\..+)?");

    @Test
    void theImportHoldsEveryModule() {
        assertThat(ALL.containPackage(ROOT + ".api")).isTrue();
        assertThat(ALL.containPackage(ROOT + ".core")).isTrue();
        assertThat(ALL.containPackage(ROOT + ".jdbi.internal")).isTrue();
        assertThat(ALL.containPackage(ROOT + ".docker.internal")).isTrue();
        assertThat(ALL.containPackage(ROOT + ".testkit")).isTrue();
        assertThat(ALL.contain(ModuleBoundariesTest.class)).as("the CLI's tests").isTrue();
    }

    @Test
    void onlyAModuleItselfUsesItsInternalPackages() {
        classes().should(useNoOtherModulesInternals()).check(ALL);
    }

    private static ArchCondition<JavaClass> useNoOtherModulesInternals() {
        return new ArchCondition<>("use no other module's internal package (" + ROOT + ".X..internal.. is "
                + "for " + ROOT + ".X.. only)") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    Matcher internal = INTERNAL.matcher(target.getPackageName());
                    if (internal.matches() && !inModule(origin, ROOT + "." + internal.group(1))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static boolean inModule(JavaClass origin, String modulePackage) {
        String name = origin.getPackageName();
        return name.equals(modulePackage) || name.startsWith(modulePackage + ".");
    }
}
