package dev.revive.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules themselves, on two small fixture "systems" of two services each: a clean one passes every rule,
 * and each violation planted in the dirty one is reported, naming the class, and nothing else is.
 */
class KindRulesTest {

    private static final String FIXTURE = "dev.revive.architecture.fixture";
    private static final Services CLEAN = new Services(List.of(FIXTURE + ".clean.alpha", FIXTURE + ".clean.beta"),
            FIXTURE + ".clean.beta.lock");
    private static final Services DIRTY = new Services(List.of(FIXTURE + ".dirty.alpha", FIXTURE + ".dirty.beta"),
            FIXTURE + ".dirty.beta.lock");
    private static final JavaClasses CLASSES = new ClassFileImporter().importPackages(FIXTURE);

    @Test
    void cleanServicesPassEveryRule() {
        for (ArchRule rule : KindRules.all(CLEAN)) {
            EvaluationResult result = rule.evaluate(CLASSES);

            assertThat(result.hasViolation()).as(result.getFailureReport().toString()).isFalse();
        }
    }

    @Test
    void serviceHoldingTheEtcdRunbookIsReported() {
        // when
        List<String> violations = violations(KindRules.noConcreteKindPackage(DIRTY));

        // then
        assertThat(violations).isNotEmpty().allMatch(line -> line.contains("NamesTheEtcdRunbook")
                && line.contains("dev.revive.runbooks.etcd.EtcdRunbook"));
    }

    @Test
    void comparisonAndSwitchOnASystemKindConstantAreReported() {
        // when
        List<String> violations = violations(KindRules.noSystemKindConstant(DIRTY));

        // then: the == in isEtcd, and the switch's case GENERIC (read in the compiler's synthetic switch map class)
        assertThat(violations).anyMatch(line -> line.contains("BranchesOnKind.isEtcd") && line.contains("SystemKind.ETCD"));
        assertThat(violations).anyMatch(line -> line.contains("BranchesOnKind") && line.contains("SystemKind.GENERIC"));
        assertThat(violations).allMatch(line -> line.contains("BranchesOnKind"));
    }

    @Test
    void jetcdOutsideTheCoordinationPackageIsReportedAndInsideItIsNot() {
        // when
        List<String> violations = violations(KindRules.noJetcdOutsideCoordination(DIRTY));

        // then
        assertThat(violations).isNotEmpty().allMatch(line -> line.contains("TalksToTargetEtcd")
                && line.contains("io.etcd.jetcd.Client"));
    }

    @Test
    void serviceUsingAnotherServicesClassIsReported() {
        // when
        List<String> violations = violations(KindRules.noServiceDependsOnAnother(DIRTY));

        // then
        assertThat(violations).isNotEmpty().allMatch(line -> line.contains("CallsBeta")
                && line.contains(FIXTURE + ".dirty.beta.Beta"));
    }

    @Test
    void failureReportSaysWhy() {
        assertThat(KindRules.noSystemKindConstant(DIRTY).evaluate(CLASSES).getFailureReport().toString())
                .contains("because naming SystemKind.ETCD");
    }

    private static List<String> violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(CLASSES);
        assertThat(result.hasViolation()).as("the rule finds the planted violation").isTrue();
        return result.getFailureReport().getDetails();
    }
}
