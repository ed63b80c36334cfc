package dev.revive.contracts.plan;

import dev.revive.contracts.validation.Check;
import java.time.Instant;
import java.util.List;

/**
 * What was seen before a plan was made: it travels with the plan into the report.
 *
 * @param scope    how far the fault reaches
 * @param since    when the first open fault was observed
 * @param nodes    the nodes with an open fault, sorted
 * @param findings what was seen, one line a fault: node, kind, severity, source and the evidence
 */
public record Diagnosis(DiagnosisScope scope, Instant since, List<String> nodes, List<String> findings) {

    public Diagnosis {
        Check.required("scope", scope);
        Check.required("since", since);
        nodes = Check.list("nodes", nodes, Check::id);
        findings = Check.list("findings", findings, Check::text);
    }
}
