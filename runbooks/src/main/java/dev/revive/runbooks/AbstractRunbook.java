package dev.revive.runbooks;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.runbooks.disruption.DisruptionModel;
import dev.revive.runbooks.steps.RestartSteps;
import dev.revive.runbooks.steps.StepSettings;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A runbook made of a disruption model and a {@link RestartSteps} table: a node restart is the table's steps
 * for that node, a rolling restart the table's steps for every member in turn; either inside a write fence where
 * the kind fences the cluster's writes ({@link #fencesWrites}).
 */
public abstract class AbstractRunbook implements Runbook {

    private final SystemKind kind;
    private final DisruptionModel disruption;
    private final RestartSteps restart;
    private final Duration startupTime;

    /**
     * @param kind       the kind the runbook is for
     * @param disruption what a cluster of the kind can lose at once
     * @param restart    the steps of a node restart
     */
    protected AbstractRunbook(SystemKind kind, DisruptionModel disruption, RestartSteps restart) {
        this(kind, disruption, restart, null);
    }

    /**
     * @param startupTime how long a node of the kind may take to answer after its start, at least (the AWAIT_HEALTHY
     *                    timeout is never shorter); null: the settings' timeout
     */
    protected AbstractRunbook(SystemKind kind, DisruptionModel disruption, RestartSteps restart, Duration startupTime) {
        this.kind = kind;
        this.disruption = disruption;
        this.restart = restart;
        this.startupTime = startupTime;
    }

    @Override
    public final SystemKind kind() {
        return kind;
    }

    @Override
    public final DisruptionModel disruption() {
        return disruption;
    }

    @Override
    public final List<PlanStep> nodeRestart(ClusterSpec spec, NodeSpec node, Set<String> openNodes,
            StepSettings settings, boolean confirmUnresponsive) {
        return bracketed(spec, restart.steps(spec, node, openNodes, settings.withAwaitHealthyAtLeast(startupTime),
                confirmUnresponsive), settings);
    }

    /** The table's steps for every member in turn ({@link RestartSteps#rolling}); a kind may add its own steps. */
    @Override
    public List<PlanStep> rollingRestart(ClusterSpec spec, StepSettings settings) {
        return bracketed(spec, restart.rolling(spec, settings.withAwaitHealthyAtLeast(startupTime)), settings);
    }

    /**
     * True when the kind's plans stop the application's writes for {@code spec} before they act (FENCE_WRITES first,
     * UNFENCE last, {@link RestartSteps#fenced}); none by default.
     */
    protected boolean fencesWrites(ClusterSpec spec) {
        return false;
    }

    /** {@code steps} inside the write fence when the kind fences {@code spec}'s writes, else as they are. */
    protected final List<PlanStep> bracketed(ClusterSpec spec, List<PlanStep> steps, StepSettings settings) {
        return fencesWrites(spec) ? RestartSteps.fenced(steps, settings) : steps;
    }
}
