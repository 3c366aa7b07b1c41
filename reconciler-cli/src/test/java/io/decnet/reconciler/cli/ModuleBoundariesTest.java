package io.decnet.reconciler.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.HasDescription;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Rules that span the modules. They live here because only the CLI has every module on its class path (the
 * testkit as a test dependency): the import holds the main classes of api, core, jdbi, docker and testkit, and the
 * CLI's main and test classes. The other modules' tests are not on this class path, but none of them has another
 * module with an {@code internal} package (jdbi, docker) on its own.
 *
 * <p>A compile-time constant of another module (a {@code static final} String or primitive) is copied into the
 * class that uses it, so these rules do not see it.
 */
class ModuleBoundariesTest {
    private static final String ROOT = "io.decnet.reconciler";
    private static final JavaClasses ALL = new ClassFileImporter().importPackages(ROOT);
    private static final String JACKSON = "com.fasterxml.jackson";

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

    /** Jackson is an implementation detail of the library modules: callers must not need it to call them. */
    @Test
    void noPublicTypeOfALibraryModuleHasJacksonInItsSignatures() {
        classes().that().arePublic().and().resideOutsideOfPackage(ROOT + ".cli..")
                .should(exposeNoTypeOf(JACKSON))
                .check(ALL);
    }

    /**
     * The adapters translate their vendors' types at the edge (STYLE.md 4): a caller of the library's API never
     * needs docker-java, its HTTP client or JDBI. Only {@code internal} packages may name them.
     */
    @Test
    void noPublicApiTypeOfALibraryModuleHasAnAdaptersVendorTypeInItsSignatures() {
        for (String vendor : List.of("com.github.dockerjava", "org.apache.hc", "org.jdbi")) {
            classes().that().arePublic().and().resideOutsideOfPackages(ROOT + ".cli..", ROOT + "..internal..")
                    .should(exposeNoTypeOf(vendor))
                    .check(ALL);
        }
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

    /**
     * Public and protected fields, constructors and methods, and the supertypes, of a class must not name a type of
     * {@code forbiddenPackage} (or below): not as a field's type, a return or parameter type, a thrown exception,
     * nor as a type argument of any of these.
     */
    private static ArchCondition<JavaClass> exposeNoTypeOf(String forbiddenPackage) {
        return new ArchCondition<>("have no type of " + forbiddenPackage + " in a public or protected signature") {
            @Override
            public void check(JavaClass owner, ConditionEvents events) {
                for (JavaType supertype : supertypes(owner)) {
                    report(owner, "extends or implements", supertype, forbiddenPackage, events);
                }
                for (JavaMember member : owner.getMembers()) {
                    if (!member.getModifiers().contains(JavaModifier.PUBLIC)
                            && !member.getModifiers().contains(JavaModifier.PROTECTED)) {
                        continue;
                    }
                    if (member instanceof JavaField field) {
                        report(field, "has the type", field.getType(), forbiddenPackage, events);
                    } else if (member instanceof JavaCodeUnit code) {
                        report(code, "returns", code.getReturnType(), forbiddenPackage, events);
                        for (JavaType parameter : code.getParameterTypes()) {
                            report(code, "takes", parameter, forbiddenPackage, events);
                        }
                        for (JavaClass thrown : code.getThrowsClause().getTypes()) {
                            report(code, "throws", thrown, forbiddenPackage, events);
                        }
                    }
                }
            }
        };
    }

    private static List<JavaType> supertypes(JavaClass owner) {
        List<JavaType> supertypes = new ArrayList<>(owner.getInterfaces());
        owner.getSuperclass().ifPresent(supertypes::add);
        return supertypes;
    }

    private static void report(HasDescription where, String verb, JavaType type, String forbiddenPackage,
            ConditionEvents events) {
        for (JavaClass involved : type.getAllInvolvedRawTypes()) {
            String name = involved.getBaseComponentType().getPackageName();
            if (name.equals(forbiddenPackage) || name.startsWith(forbiddenPackage + ".")) {
                events.add(SimpleConditionEvent.violated(where, where.getDescription() + " " + verb + " " + type.getName()));
            }
        }
    }

    private static boolean inModule(JavaClass origin, String modulePackage) {
        String name = origin.getPackageName();
        return name.equals(modulePackage) || name.startsWith(modulePackage + ".");
    }
}
