package dev.revive.runbooks.decision;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.runbooks.diagnosis.Finding;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything {@link NodeRecovery} decides on, gathered by the planner.
 *
 * @param spec           the registered cluster
 * @param trigger        the fault of the target node that the decision answers (its nodeId null: cluster-wide)
 * @param openNodes      the nodes with an open fault, the target included
 * @param budgetConcerns why the restart budget objects (empty while it allows one more restart)
 * @param stage          how far the incident got: new, confirmed over its window, or approved by an operator
 * @param dryRun         with {@link Stage#APPROVED}: the operator asked for a dry run
 */
public record Situation(ClusterSpec spec, Finding trigger, Set<String> openNodes, List<String> budgetConcerns,
        Stage stage, boolean dryRun) {

    /** How far an incident got before this decision. */
    public enum Stage {
        /** First decision about the fault. */
        NEW,
        /** The fault held over its confirm window. */
        CONFIRMED,
        /** An operator approved; only the guards against the state now may still refuse. */
        APPROVED
    }

    public Situation {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(stage, "stage");
        openNodes = Set.copyOf(openNodes);
        budgetConcerns = List.copyOf(budgetConcerns);
    }

    /** A first decision about {@code trigger}. */
    public static Situation fresh(ClusterSpec spec, Finding trigger, Set<String> openNodes,
            List<String> budgetConcerns) {
        return new Situation(spec, trigger, openNodes, budgetConcerns, Stage.NEW, false);
    }

    /** This situation at another stage. */
    public Situation at(Stage next, boolean dryRunRequested) {
        return new Situation(spec, trigger, openNodes, budgetConcerns, next, dryRunRequested);
    }
}
