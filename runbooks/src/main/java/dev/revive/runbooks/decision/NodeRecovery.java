package dev.revive.runbooks.decision;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.TriageResponse;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.runbooks.Runbook;
import dev.revive.runbooks.Runbooks;
import dev.revive.runbooks.Texts;
import dev.revive.runbooks.UnsupportedKindException;
import dev.revive.runbooks.decision.Situation.Stage;
import dev.revive.runbooks.diagnosis.Finding;
import dev.revive.runbooks.steps.StepSettings;
import dev.revive.runbooks.triage.TriageTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pure decider of what a fault deserves: triage ({@link TriageTable}), then the kind's runbook
 * (its steps and its disruption model), the restart budget and the policy mode. A node's fault gets the runbook's
 * recovery of that node; a cluster-wide fault of running members ({@link #ROLLED_FAULTS}) a rolling restart of every
 * member, asked of the disruption model member by member; a cluster whose every member is down ({@link #DOWN_FAULTS},
 * merged by the planner) the kind's full restart, all members started as one. In order: a NOTICE response is
 * a notice; a cluster-wide fault the kind has no plan for, a node no longer in the spec or a kind without a
 * runbook escalates; a fault to
 * confirm waits its window first, and a member's PROCESS_DOWN in a kind with a full restart {@link #CRASH_WINDOW};
 * otherwise the restart plan, whose mode is DRY_RUN under a DRY_RUN policy,
 * APPROVAL_REQUIRED when triage, the budget or the disruption model object (or the policy says so), else AUTO.
 * After an operator's approval only the disruption model, asked against the open faults now, may still refuse.
 */
public final class NodeRecovery {

    private final Runbooks runbooks;
    private final StepSettings settings;

    public NodeRecovery(Runbooks runbooks, StepSettings settings) {
        this.runbooks = Objects.requireNonNull(runbooks, "runbooks");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** What {@code situation} deserves. */
    public RunbookDecision decide(Situation situation) {
        ClusterSpec spec = situation.spec();
        Finding fault = situation.trigger();
        TriageResponse response = TriageTable.respond(spec, fault.kind(), fault.severity());
        String triaged = triaged(spec, fault, response);
        if (response == TriageResponse.NOTICE && situation.stage() != Stage.APPROVED) {
            return new RunbookDecision.Notice(triaged + ": notice only, nothing is done");
        }
        Optional<String> noRunbook = whyNoRunbook(spec, fault);
        if (noRunbook.isPresent()) {
            return new RunbookDecision.Escalate(Texts.bounded(noRunbook.get()));
        }
        if (response == TriageResponse.CONFIRM_THEN_RESTART && situation.stage() == Stage.NEW) {
            return new RunbookDecision.Confirm(spec.policy().confirmWindow(), triaged + ": confirming over "
                    + spec.policy().confirmWindow() + " from its first observation before any restart");
        }
        Runbook runbook = runbooks.forKind(spec.kind());
        Optional<List<PlanStep>> fullRestart = runbook.fullRestart(spec, settings);
        if (situation.stage() == Stage.NEW && fault.nodeId() != null && fault.kind() == FaultKind.PROCESS_DOWN
                && fullRestart.isPresent() && spec.nodes().size() > 1) {
            return new RunbookDecision.Confirm(CRASH_WINDOW, triaged + ": waiting " + CRASH_WINDOW.toMillis()
                    + " ms for the other members' probes: a cluster that went down as a whole is started as one");
        }
        List<String> concerns = new ArrayList<>();
        if (situation.stage() != Stage.APPROVED) {
            triageConcern(response, fault, triaged).ifPresent(concerns::add);
            concerns.addAll(situation.budgetConcerns());
        }
        List<PlanStep> steps;
        if (fault.nodeId() == null && ROLLED_FAULTS.contains(fault.kind())) {
            concerns.addAll(rollingConcerns(runbook, spec, situation.openNodes()));
            steps = runbook.rollingRestart(spec, settings);
        } else if (fault.nodeId() == null) {
            // every member is down already: starting them cannot take anything down that runs
            steps = fullRestart.orElseThrow();
        } else {
            NodeSpec node = spec.node(fault.nodeId()).orElseThrow();
            if (fault.kind() != FaultKind.PROCESS_DOWN) {
                // a member whose process is down is not taken down by its restart (the executor's live guard still
                // checks before any STOP, should it run after all): after a double failure its start brings the
                // quorum back, and waiting for a human would only make the outage longer
                concerns.addAll(runbook.disruption().planningConcerns(spec, situation.openNodes(), node.id()));
            }
            steps = runbook.recovery(spec, node, fault, situation.openNodes(), settings,
                    confirmUnresponsive(fault.kind()));
        }
        return situation.stage() == Stage.APPROVED
                ? approved(steps, concerns, situation.dryRun())
                : planned(spec, steps, concerns);
    }

    /**
     * The cluster-wide faults answered by a rolling restart: those of members that run (a whole cluster down or
     * unreachable needs every member started, not restarted in turn).
     */
    public static final Set<FaultKind> ROLLED_FAULTS = Set.copyOf(EnumSet.of(FaultKind.UNHEALTHY,
            FaultKind.RESOURCE_EXHAUSTED, FaultKind.LOCK_CONTENTION, FaultKind.LOG_ERROR, FaultKind.DISK_FULL,
            FaultKind.REPLICA_DIVERGED));

    /** The cluster-wide faults answered by starting the whole cluster as one ({@link Runbook#fullRestart}). */
    public static final Set<FaultKind> DOWN_FAULTS = Set.of(FaultKind.PROCESS_DOWN);

    /**
     * How long a member's PROCESS_DOWN waits, in a kind that can start a whole cluster, before its own restart is
     * planned: members killed at once (a power loss, a host's crash) are seen down by the detector within a probe
     * round of each other (one second by default), and one member started alone in a cluster that is down as a whole
     * waits for a quorum that never comes. Counted from the fault's observation, so a late fault waits no longer. Waited
     * even when the detector says every other member answered its last probe (evidence {@code othersNotAnswering}):
     * the e2e suite saw the members of a full crash fail their first probes 0.2 to 0.7 s after the first one was already
     * declared down. A crash spread wider than the window is started as one after the first member's restart fails.
     */
    public static final Duration CRASH_WINDOW = Duration.ofSeconds(2);

    /**
     * What a node that cannot come back deserves (its restart plan's start failed, or an operator asks): the kind's
     * replacement, planned like a restart (the restart budget, the disruption model against the open faults, the
     * policy's mode; after an approval only the disruption model), or an escalation when the kind cannot replace a
     * member.
     */
    public RunbookDecision replacement(Situation situation) {
        ClusterSpec spec = situation.spec();
        String nodeId = situation.trigger().nodeId();
        Optional<NodeSpec> node = nodeId == null ? Optional.empty() : spec.node(nodeId);
        if (node.isEmpty()) {
            return new RunbookDecision.Escalate("the start failed, and there is no node to replace");
        }
        Runbook runbook = runbooks.forKind(spec.kind());
        Optional<List<PlanStep>> steps = runbook.replacement(spec, node.get(), settings);
        if (steps.isEmpty()) {
            return new RunbookDecision.Escalate(nodeId + " did not come back and kind " + spec.kind()
                    + " has no member replacement: a human must decide");
        }
        List<String> concerns = new ArrayList<>();
        if (situation.stage() != Stage.APPROVED) {
            concerns.addAll(situation.budgetConcerns());
        }
        concerns.addAll(runbook.disruption().planningConcerns(spec, situation.openNodes(), nodeId));
        return situation.stage() == Stage.APPROVED ? approved(steps.get(), concerns, situation.dryRun())
                : planned(spec, steps.get(), concerns);
    }

    /**
     * The steps that roll the whole cluster back to {@code snapshot} (null: the newest verified one), or empty when its
     * kind cannot roll back. A rollback takes every member down, so the caller decides who may run it: proposed after
     * an INCONSISTENT report it waits for approval; asked for by an operator it is that approval.
     */
    public Optional<List<PlanStep>> rollback(ClusterSpec spec, String snapshot) {
        try {
            return runbooks.forKind(spec.kind()).rollback(spec, snapshot, settings);
        } catch (UnsupportedKindException e) {
            return Optional.empty();
        }
    }

    /** True for faults a probe can see again, so the executor re-probes right before it signals the node. */
    public static boolean confirmUnresponsive(FaultKind kind) {
        return kind == FaultKind.PROCESS_DOWN || kind == FaultKind.UNREACHABLE;
    }

    private Optional<String> whyNoRunbook(ClusterSpec spec, Finding fault) {
        Runbook runbook;
        try {
            runbook = runbooks.forKind(spec.kind());
        } catch (UnsupportedKindException e) {
            return Optional.of(e.getMessage() + "; " + (fault.nodeId() == null ? "cluster " + spec.id()
                    : "node " + fault.nodeId()) + " needs a human");
        }
        if (fault.nodeId() == null && !ROLLED_FAULTS.contains(fault.kind())
                && !(DOWN_FAULTS.contains(fault.kind()) && runbook.fullRestart(spec, settings).isPresent())) {
            return Optional.of("cluster-wide " + fault.kind() + " names no node: a rolling restart needs every member "
                    + "running, and kind " + spec.kind() + " has no plan that starts a whole cluster; a human must "
                    + "decide");
        }
        if (fault.nodeId() != null && spec.node(fault.nodeId()).isEmpty()) {
            return Optional.of("node " + fault.nodeId() + " is no longer in the spec of cluster " + spec.id()
                    + ": nothing safe to restart");
        }
        return Optional.empty();
    }

    /**
     * What the disruption model says about taking each member down in turn while the nodes in {@code openNodes}
     * have faults of their own, each sentence once.
     */
    private static List<String> rollingConcerns(Runbook runbook, ClusterSpec spec, Set<String> openNodes) {
        Set<String> concerns = new LinkedHashSet<>();
        for (NodeSpec node : spec.nodes()) {
            Set<String> others = new TreeSet<>(openNodes);
            others.remove(node.id());
            runbook.disruption().planningConcerns(spec, others, node.id())
                    .forEach(concern -> concerns.add("rolling restart, at " + node.id() + ": " + concern));
        }
        return List.copyOf(concerns);
    }

    private static Optional<String> triageConcern(TriageResponse response, Finding fault, String triaged) {
        if (response == TriageResponse.APPROVAL) {
            return Optional.of(triaged + ": a restart alone cannot help, a human decides; seen " + fault.line());
        }
        if (response == TriageResponse.RESTART_IF_SUSTAINED && !fault.sustained()) {
            return Optional.of(triaged + ": restarted by itself only when sustained, and this one was not; seen "
                    + fault.line());
        }
        return Optional.empty();
    }

    private static RunbookDecision planned(ClusterSpec spec, List<PlanStep> steps, List<String> concerns) {
        Policy policy = spec.policy();
        PlanMode mode = policy.mode() == PlanMode.DRY_RUN ? PlanMode.DRY_RUN
                : concerns.isEmpty() ? policy.mode() : PlanMode.APPROVAL_REQUIRED;
        List<String> parts = new ArrayList<>();
        if (policy.mode() != PlanMode.AUTO) {
            parts.add("policy of cluster " + spec.id() + " is " + policy.mode());
        }
        parts.addAll(concerns);
        return new RunbookDecision.Plan(steps, mode, mode == PlanMode.AUTO ? null : Texts.bounded(String.join("; ", parts)));
    }

    private static RunbookDecision approved(List<PlanStep> steps, List<String> concerns, boolean dryRun) {
        if (!concerns.isEmpty()) {
            return new RunbookDecision.Plan(steps, PlanMode.APPROVAL_REQUIRED,
                    Texts.bounded("the guards refuse it now: " + String.join("; ", concerns)));
        }
        return new RunbookDecision.Plan(steps, dryRun ? PlanMode.DRY_RUN : PlanMode.AUTO, null);
    }

    private static String triaged(ClusterSpec spec, Finding fault, TriageResponse response) {
        return "triage: " + fault.kind() + " " + fault.severity() + " of "
                + (fault.nodeId() == null ? "cluster " + spec.id() : fault.nodeId()) + " → " + response
                + (TriageTable.overridden(spec, fault.kind(), fault.severity()) ? " (the cluster's own rule)" : "");
    }
}
