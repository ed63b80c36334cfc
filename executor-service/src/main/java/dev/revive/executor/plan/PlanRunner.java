package dev.revive.executor.plan;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.executor.plan.PlanProgress.StepProgress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Carries out a plan's steps in order, continuing after the steps an earlier run already finished.
 * A step that fails after its attempts aborts the plan when its onFailure is ABORT and is noted
 * and passed when it is CONTINUE. A failed fence check, a cancellation or an unrecordable event
 * stops the run without an outcome, so that the plan is delivered again.
 */
public final class PlanRunner {

    private static final Logger LOG = Logger.getLogger(PlanRunner.class);

    private final StepRunner steps;
    private final ExecutionEvents events;

    public PlanRunner(Steps steps, StepRecorder recorder, ExecutionEvents events, Pacer pacer, RetryPolicy retry) {
        this.steps = new StepRunner(steps, recorder, events, pacer, retry);
        this.events = events;
    }

    /** Runs {@code plan} on the cluster described by {@code spec}, after what {@code earlier} runs did. */
    public PlanResult run(RecoveryPlan plan, ClusterSpec spec, Fence fence, PlanProgress earlier,
            BooleanSupplier cancelled) {
        Instant startedAt = earlier.startedAt().orElseGet(events::now);
        List<String> notes = new ArrayList<>();
        for (PlanStep step : plan.steps()) {
            StepContext context = new StepContext(plan, step, spec);
            StepProgress progress = earlier.step(step.stepId());
            if (progress.done()) {
                LOG.infof("%s already %s in an earlier run; continuing after it", context.describe(),
                        progress.lastStatus());
                continue;
            }
            StepRunner.Result result = progress.exhausted(step.params().attempts())
                    ? new StepRunner.Result.Failed(progress.lastStatus(), progress.lastDetail())
                    : steps.run(context, fence, progress, cancelled);
            if (result instanceof StepRunner.Result.Stopped stopped) {
                LOG.warnf("plan %s stopped without an outcome: %s", plan.planId(), stopped.reason());
                return new PlanResult.Stopped(stopped.reason());
            }
            if (result instanceof StepRunner.Result.Failed failed) {
                String failure = context.describe() + " " + failed.status() + ": " + failed.detail();
                if (step.onFailure() == OnFailure.ABORT) {
                    return finish(plan, fence, Outcome.PLAN_ABORTED, "aborted: " + failure, startedAt);
                }
                notes.add(failure + " (onFailure CONTINUE)");
            }
        }
        String summary = "all " + plan.steps().size() + " steps done"
                + (notes.isEmpty() ? "" : "; failed and continued: " + String.join("; ", notes));
        return finish(plan, fence, Outcome.PLAN_COMPLETED, summary, startedAt);
    }

    private PlanResult finish(RecoveryPlan plan, Fence fence, Outcome outcome, String detail, Instant startedAt) {
        LOG.infof("plan %s %s: %s", plan.planId(), outcome, detail);
        return new PlanResult.Finished(events.outcome(plan, outcome, fence.token(), detail, startedAt));
    }
}
