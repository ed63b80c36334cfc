package dev.revive.executor.plan;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.validation.LogSafe;
import dev.revive.executor.plan.PlanProgress.StepProgress;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.action.ActionHandlers;
import dev.revive.targets.action.Pacer;
import dev.revive.targets.action.StepContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Carries out a plan's steps in order, continuing after the steps an earlier run already finished.
 * A step that fails after its attempts aborts the plan when its onFailure is ABORT and is noted
 * and passed when it is CONTINUE. A plan withdrawn by a CANCEL revision ends PLAN_CANCELLED before its
 * next acting step ({@link dev.revive.contracts.plan.Action#acting}); so does one whose step found the fault no longer
 * holds. The steps run in the order of {@link StepSequence} (the live leader's last); a plan that ends early first
 * runs its lifting steps (an UNFENCE, a REJOIN) that have not run. A DRY_RUN plan only describes its steps. The fence is checked before every attempt and, through the
 * step's {@link dev.revive.targets.action.ActGate}, right before every act. A failed fence check, a stop request or an
 * unrecordable event stops the run without an outcome, so that the plan is delivered again.
 */
public final class PlanRunner {

    private static final Logger LOG = Logger.getLogger(PlanRunner.class);

    private final StepRunner steps;
    private final ExecutionEvents events;
    private final LeaderLookup leaders;

    public PlanRunner(ActionHandler handler, StepRecorder recorder, ExecutionEvents events, Pacer pacer,
            RetryPolicy retry) {
        this(handler, recorder, events, pacer, retry, LeaderLookup.NONE);
    }

    /** A runner that runs the live leader's steps last ({@link StepSequence}). */
    public PlanRunner(ActionHandler handler, StepRecorder recorder, ExecutionEvents events, Pacer pacer,
            RetryPolicy retry, LeaderLookup leaders) {
        this.steps = new StepRunner(handler, recorder, events, pacer, retry);
        this.events = events;
        this.leaders = leaders;
    }

    /** Runs {@code plan} on the cluster described by {@code spec}, after what {@code earlier} runs did. */
    public PlanResult run(RecoveryPlan plan, ClusterSpec spec, Fence fence, PlanProgress earlier, RunControl control) {
        Instant startedAt = earlier.startedAt().orElseGet(events::now);
        List<String> notes = new ArrayList<>();
        Set<String> ran = new HashSet<>();
        Ending ending = new Ending(plan, spec, fence, earlier, control, startedAt, ran);
        StepSequence sequence = new StepSequence(plan, spec, earlier, leaders);
        for (Optional<PlanStep> next = sequence.next(); next.isPresent(); next = sequence.next()) {
            PlanStep step = next.get();
            ran.add(step.stepId());
            StepContext context = context(plan, step, spec, fence);
            StepProgress progress = earlier.step(step.stepId());
            if (progress.done()) {
                LOG.infof("%s already %s in an earlier run; continuing after it", context.describe(),
                        progress.lastStatus());
                continue;
            }
            Optional<String> withdrawn = step.action().acting() ? control.withdrawn()
                    : Optional.empty();
            if (withdrawn.isPresent()) {
                return early(ending, Outcome.PLAN_CANCELLED, "cancelled before " + context.describe()
                        + ", nothing of it was done: " + withdrawn.get());
            }
            StepRunner.Result result = progress.exhausted(step.params().attempts())
                    ? new StepRunner.Result.Failed(progress.lastStatus(), progress.lastDetail())
                    : steps.run(context, fence, progress, control);
            if (result instanceof StepRunner.Result.Stopped stopped) {
                LOG.warnf("plan %s stopped without an outcome: %s", plan.planId(),
                        LogSafe.text(stopped.reason()));
                return new PlanResult.Stopped(stopped.reason());
            }
            if (result instanceof StepRunner.Result.Done done && done.outcome().cancelsPlan()) {
                return early(ending, Outcome.PLAN_CANCELLED, "cancelled at " + context.describe() + ": "
                        + done.outcome().detail());
            }
            if (result instanceof StepRunner.Result.Failed failed) {
                String failure = context.describe() + " " + failed.status() + ": " + failed.detail();
                if (step.onFailure() == OnFailure.ABORT) {
                    return early(ending, Outcome.PLAN_ABORTED, "aborted: " + failure);
                }
                notes.add(failure + " (onFailure CONTINUE)");
            }
        }
        control.withdrawn().ifPresent(reason -> LOG.infof("plan %s was withdrawn after its last acting step; the "
                + "cancel is ignored and the plan completes (%s)", plan.planId(),
                LogSafe.text(reason)));
        String summary = (plan.mode() == PlanMode.DRY_RUN ? "dry run: nothing was touched; " : "")
                + "all " + plan.steps().size() + " steps " + (plan.mode() == PlanMode.DRY_RUN ? "described" : "done")
                + (notes.isEmpty() ? "" : "; failed and continued: " + String.join("; ", notes));
        return finish(plan, fence, Outcome.PLAN_COMPLETED, summary, startedAt);
    }

    private static StepContext context(RecoveryPlan plan, PlanStep step, ClusterSpec spec, Fence fence) {
        return new StepContext(plan, step, spec, () -> fence.admit(plan.planId(), step.stepId()));
    }

    /**
     * How a plan that stops before its end ends (aborted, cancelled): first the steps that lift what earlier steps
     * put on the cluster ({@link ActionHandlers#LIFTING}: a write fence, an isolation) and that have not run, in
     * plan order, whatever their own failure does (safety rule 7), then the outcome. A lifting step that cannot be
     * recorded or admitted stops the run without an outcome, so that the plan is delivered again and lifted then.
     */
    private record Ending(RecoveryPlan plan, ClusterSpec spec, Fence fence, PlanProgress earlier, RunControl control,
            Instant startedAt, Set<String> ran) {
    }

    private PlanResult early(Ending ending, Outcome outcome, String detail) {
        List<String> lifted = new ArrayList<>();
        for (PlanStep step : ending.plan().steps()) {
            StepProgress progress = ending.earlier().step(step.stepId());
            if (!ActionHandlers.LIFTING.contains(step.action()) || ending.ran().contains(step.stepId())
                    || progress.done()) {
                continue;
            }
            StepContext context = context(ending.plan(), step, ending.spec(), ending.fence());
            StepRunner.Result result = steps.run(context, ending.fence(), progress, ending.control());
            if (result instanceof StepRunner.Result.Stopped stopped) {
                LOG.warnf("plan %s stopped without an outcome while lifting: %s", ending.plan().planId(),
                        LogSafe.text(stopped.reason()));
                return new PlanResult.Stopped(stopped.reason());
            }
            lifted.add(context.describe() + (result instanceof StepRunner.Result.Failed failed
                    ? " " + failed.status() + ": " + failed.detail() : " done"));
        }
        String full = lifted.isEmpty() ? detail : detail + "; then lifted: " + String.join("; ", lifted);
        return finish(ending.plan(), ending.fence(), outcome, full, ending.startedAt());
    }

    private PlanResult finish(RecoveryPlan plan, Fence fence, Outcome outcome, String detail, Instant startedAt) {
        LOG.infof("plan %s %s: %s", plan.planId(), outcome, LogSafe.text(detail));
        return new PlanResult.Finished(events.outcome(plan, outcome, fence.token(), detail, startedAt));
    }
}
