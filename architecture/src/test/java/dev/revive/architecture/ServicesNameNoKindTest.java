package dev.revive.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The build fails when a class of the services (the console too) names a concrete kind, its client library or another
 * service. The classes come from the services' module jars (test dependencies of this module).
 */
@AnalyzeClasses(
        packages = {"dev.revive.detector", "dev.revive.planner", "dev.revive.executor", "dev.revive.verifier",
                "dev.revive.console"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class ServicesNameNoKindTest {

    @ArchTest
    static final ArchRule noServiceDependsOnAConcreteKindsAdapterOrRunbook =
            KindRules.noConcreteKindPackage(Services.REVIVE);

    @ArchTest
    static final ArchRule noServiceReadsASystemKindConstant = KindRules.noSystemKindConstant(Services.REVIVE);

    @ArchTest
    static final ArchRule onlyTheExecutorsCoordinationLockUsesJetcd = KindRules.noJetcdOutsideCoordination(Services.REVIVE);

    @ArchTest
    static final ArchRule noServiceDependsOnAnotherService = KindRules.noServiceDependsOnAnother(Services.REVIVE);

    @ArchTest
    static void everyServiceIsAnalysed(JavaClasses classes) {
        // a service missing from the classpath would make its rules pass without looking at it
        for (String root : Services.REVIVE.roots()) {
            assertThat(classes.stream().map(JavaClass::getPackageName))
                    .as("classes of %s", root)
                    .anyMatch(name -> name.equals(root) || name.startsWith(root + "."));
        }
    }
}
