package dev.revive.runbooks.triage;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.TriageResponse;
import dev.revive.contracts.cluster.TriageRule;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * What a fault deserves, as data: a spec's own rows ({@code policy.triage}) first, then the default rows,
 * first match wins. The defaults: a WARNING or INFO fault of any kind is only a notice; a process that is down
 * is restarted; an unreachable one is confirmed first; a critical UNHEALTHY is restarted; a failed task is restarted
 * (the kind's runbook says how: Kafka Connect restarts the task, not the process); a full disk or a
 * diverged replica needs a human (a restart cannot help); resource, lock and log faults are restarted only
 * when sustained (and the policy is AUTO). A fault no row matches needs approval.
 */
public final class TriageTable {

    /** The default rows, in order. */
    public static final List<TriageRule> DEFAULT_ROWS = defaultRows();

    /** The response when no row matches: a human decides. */
    public static final TriageResponse UNMATCHED = TriageResponse.APPROVAL;

    private TriageTable() {
    }

    /** The response of the first row of {@code spec}'s policy, then of the defaults, that matches. */
    public static TriageResponse respond(ClusterSpec spec, FaultKind kind, Severity severity) {
        return match(spec.policy().triage(), kind, severity)
                .orElse(match(DEFAULT_ROWS, kind, severity).orElse(UNMATCHED));
    }

    /** True when the spec's own rows decided, not the defaults (for the decision's reason). */
    public static boolean overridden(ClusterSpec spec, FaultKind kind, Severity severity) {
        return match(spec.policy().triage(), kind, severity).isPresent();
    }

    private static java.util.Optional<TriageResponse> match(List<TriageRule> rows, FaultKind kind, Severity severity) {
        return rows.stream().filter(row -> row.matches(kind, severity)).map(TriageRule::response).findFirst();
    }

    private static List<TriageRule> defaultRows() {
        List<TriageRule> rows = new ArrayList<>();
        for (FaultKind kind : FaultKind.values()) {
            if (kind != FaultKind.RECOVERED) {
                rows.add(new TriageRule(kind, Severity.WARNING, TriageResponse.NOTICE));
                rows.add(new TriageRule(kind, Severity.INFO, TriageResponse.NOTICE));
            }
        }
        rows.add(new TriageRule(FaultKind.PROCESS_DOWN, null, TriageResponse.RESTART));
        rows.add(new TriageRule(FaultKind.UNREACHABLE, null, TriageResponse.CONFIRM_THEN_RESTART));
        rows.add(new TriageRule(FaultKind.UNHEALTHY, Severity.CRITICAL, TriageResponse.RESTART));
        rows.add(new TriageRule(FaultKind.TASK_FAILED, null, TriageResponse.RESTART));
        rows.add(new TriageRule(FaultKind.DISK_FULL, null, TriageResponse.APPROVAL));
        rows.add(new TriageRule(FaultKind.RESOURCE_EXHAUSTED, null, TriageResponse.RESTART_IF_SUSTAINED));
        rows.add(new TriageRule(FaultKind.LOCK_CONTENTION, null, TriageResponse.RESTART_IF_SUSTAINED));
        rows.add(new TriageRule(FaultKind.LOG_ERROR, null, TriageResponse.RESTART_IF_SUSTAINED));
        rows.add(new TriageRule(FaultKind.REPLICA_DIVERGED, null, TriageResponse.APPROVAL));
        return List.copyOf(rows);
    }
}
