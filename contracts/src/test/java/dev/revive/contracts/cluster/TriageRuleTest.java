package dev.revive.contracts.cluster;

import static dev.revive.contracts.Violations.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.validation.ContractViolation.Reason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A spec's triage rows and the policy around them. */
class TriageRuleTest {

    @Test
    void ruleWithoutSeverityMatchesItsFaultKindAtAnySeverity() {
        TriageRule rule = new TriageRule(FaultKind.LOG_ERROR, null, TriageResponse.NOTICE);

        assertThat(rule.matches(FaultKind.LOG_ERROR, Severity.INFO)).isTrue();
        assertThat(rule.matches(FaultKind.LOG_ERROR, Severity.CRITICAL)).isTrue();
        assertThat(rule.matches(FaultKind.DISK_FULL, Severity.CRITICAL)).isFalse();
    }

    @Test
    void ruleWithSeverityMatchesOnlyThatSeverity() {
        TriageRule rule = new TriageRule(FaultKind.UNHEALTHY, Severity.WARNING, TriageResponse.NOTICE);

        assertThat(rule.matches(FaultKind.UNHEALTHY, Severity.WARNING)).isTrue();
        assertThat(rule.matches(FaultKind.UNHEALTHY, Severity.CRITICAL)).isFalse();
    }

    @Test
    void recoveredIsNeverTriagedAndAFaultAndResponseAreRequired() {
        assertViolation(() -> new TriageRule(FaultKind.RECOVERED, null, TriageResponse.RESTART), "fault",
                Reason.INVALID_VALUE);
        assertViolation(() -> new TriageRule(null, null, TriageResponse.RESTART), "fault", Reason.MISSING_FIELD);
        assertViolation(() -> new TriageRule(FaultKind.DISK_FULL, null, null), "response", Reason.MISSING_FIELD);
    }

    @Test
    void policyDefaultsToNoOverridesAndAFifteenSecondConfirmWindow() {
        Policy policy = Policy.defaults();

        assertThat(policy.triage()).isEmpty();
        assertThat(policy.confirmWindow()).isEqualTo(Duration.ofSeconds(15)).isEqualTo(Policy.DEFAULT_CONFIRM_WINDOW);
        assertThat(new Policy(PlanMode.AUTO, 1, null, null)).isEqualTo(policy);
    }

    @Test
    void policyKeepsItsRowsInOrderAndRefusesANonPositiveWindow() {
        List<TriageRule> rows = List.of(new TriageRule(FaultKind.LOG_ERROR, Severity.WARNING, TriageResponse.NOTICE),
                new TriageRule(FaultKind.LOG_ERROR, null, TriageResponse.APPROVAL));

        assertThat(new Policy(null, 0, null, null, rows, Duration.ofSeconds(2)).triage()).isEqualTo(rows);
        assertViolation(() -> new Policy(null, 0, null, null, null, Duration.ZERO), "confirmWindow", Reason.INVALID_VALUE);
    }

    @ParameterizedTest
    @EnumSource(value = PlanMode.class, names = {"NOTICE", "CANCEL"})
    void policyModeIsNeverAPlanOnlyMode(PlanMode mode) {
        assertViolation(() -> new Policy(mode, 0, null, null), "mode", Reason.INVALID_VALUE);
    }
}
