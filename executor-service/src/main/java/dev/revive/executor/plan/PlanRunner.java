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
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Carries out a plan's steps in order, continuing after the steps an earlier run already finished.
 * A step that fails after its attempts aborts the plan when its onFailure is ABORT and is noted
 * and passed when it is CONTINUE. A plan withdrawn by a CANCEL revision ends PLAN_CANCELLED before its
 * next acting step ({@link ActionHandlers#ACTING}); so does one whose step found the fault no longer
 * holds. A DRY_RUN plan only describes its steps. The fence is checked before every attempt and, through the
 * step's {@link dev.revive.targets.action.ActGate}, right before every act. A failed fence check, a stop request or an
 * unrecordable event stops the run without an outcome, so that the plan is delivered again.
 */
public final class PlanRunner {

    private static final Logger LOG = Logger.getLogger(PlanRunner.class);

    private final StepRunner steps;
    private final ExecutionEvents events;

    public PlanRunner(ActionHandler handler, StepRecorder recorder, ExecutionEvents events, Pacer pacer,
            RetryPolicy retry) {
        this.steps = new StepRunner(handler, recorder, events, pacer, retry);
        this.events = events;
    }

    /** Runs {@code plan} on the cluster described by {@code spec}, after what {@code earlier} runs did. */
    public PlanResult run(RecoveryPlan plan, ClusterSpec spec, Fence fence, PlanProgress earlier, RunControl control) {
        Instant startedAt = earlier.startedAt().orElseGet(events::now);
        List<String> notes = new ArrayList<>();
        for (PlanStep step : plan.steps()) {
            StepContext context = new StepContext(plan, step, spec, () -> fence.admit(plan.planId(), step.stepId()));
            StepProgress progress = earlier.step(step.stepId());
            if (progress.done()) {
                LOG.infof("%s already %s in an earlier run; continuing after it", context.describe(),
                        progress.lastStatus());
                continue;
            }
            Optional<String> withdrawn = ActionHandlers.ACTING.contains(step.action()) ? control.withdrawn()
                    : Optional.empty();
            if (withdrawn.isPresent()) {
                return finish(plan, fence, Outcome.PLAN_CANCELLED, "cancelled before " + context.describe()
                        + ", nothing of it was done: " + withdrawn.get(), startedAt);
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
                return finish(plan, fence, Outcome.PLAN_CANCELLED, "cancelled at " + context.describe() + ": "
                        + done.outcome().detail(), startedAt);
            }
            if (result instanceof StepRunner.Result.Failed failed) {
                String failure = context.describe() + " " + failed.status() + ": " + failed.detail();
                if (step.onFailure() == OnFailure.ABORT) {
                    return finish(plan, fence, Outcome.PLAN_ABORTED, "aborted: " + failure, startedAt);
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

    private PlanResult finish(RecoveryPlan plan, Fence fence, Outcome outcome, String detail, Instant startedAt) {
        LOG.infof("plan %s %s: %s", plan.planId(), outcome, LogSafe.text(detail));
        return new PlanResult.Finished(events.outcome(plan, outcome, fence.token(), detail, startedAt));
    }
}
