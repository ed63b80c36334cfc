package dev.revive.contracts.cluster;

import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.validation.Check;
import dev.revive.contracts.validation.ContractViolation;
import dev.revive.contracts.validation.ContractViolation.Reason;

/**
 * One row of a triage table: faults of {@code fault} kind (and of {@code severity}, when given) get
 * {@code response}. A spec's rules come before the defaults.
 *
 * @param fault    the fault kind the row matches
 * @param severity the severity it matches, or null for any
 * @param response what such a fault deserves
 */
public record TriageRule(FaultKind fault, Severity severity, TriageResponse response) {

    public TriageRule {
        Check.required("fault", fault);
        if (fault == FaultKind.RECOVERED) {
            throw new ContractViolation("fault", Reason.INVALID_VALUE, "RECOVERED is not triaged");
        }
        Check.required("response", response);
    }

    /** True when the row applies to a fault of this kind and severity. */
    public boolean matches(FaultKind kind, Severity of) {
        return fault == kind && (severity == null || severity == of);
    }
}
