package dev.revive.executor.plan;

import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.validation.LogSafe;
import dev.revive.executor.plan.PlanProgress.StepProgress;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.action.Pacer;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import org.jboss.logging.Logger;

/**
 * Runs the attempts of one step: before each, the fence check (a failed check stops the plan without
 * acting), then STARTED, the step, the fence check again, and its terminal event (an executor that lost the lock
 * during the attempt records nothing more). The step's handler asks the fence again right
 * before every act ({@link StepContext#gate}); a refusal there ({@link StepOutcome#notAdmitted}) stops the
 * plan as well, without recording the attempt's end; failed attempts are retried after a backoff
 * until the step's attempts are used up. In a DRY_RUN plan the one attempt only describes the step
 * ({@link ActionHandler#describe}) and records DRY_RUN.
 */
final class StepRunner {

    /** The highest attempt number a step event may carry. */
    static final int MAX_ATTEMPT = 100;

    private static final Logger LOG = Logger.getLogger(StepRunner.class);

    private final ActionHandler handler;
    private final StepRecorder recorder;
    private final ExecutionEvents events;
    private final Pacer pacer;
    private final RetryPolicy retry;

    StepRunner(ActionHandler handler, StepRecorder recorder, ExecutionEvents events, Pacer pacer, RetryPolicy retry) {
        this.handler = handler;
        this.recorder = recorder;
        this.events = events;
        this.pacer = pacer;
        this.retry = retry;
    }

    /** How a step ended: done, failed after its attempts, or stopped without an outcome. */
    sealed interface Result {
        record Done(StepOutcome outcome) implements Result {
        }

        record Failed(StepStatus status, String detail) implements Result {
        }

        record Stopped(String reason) implements Result {
        }
    }

    Result run(StepContext context, Fence fence, StepProgress earlier, RunControl control) {
        int first = Math.min(earlier.nextAttempt(), MAX_ATTEMPT);
        int last = Math.min(first + earlier.remainingAttempts(context.step().params().attempts()) - 1, MAX_ATTEMPT);
        StepLifecycle lifecycle = new StepLifecycle();
        StepOutcome outcome = null;
        try {
            for (int attempt = first; attempt <= last; attempt++) {
                if (control.stopping()) {
                    return new Result.Stopped("stopping before " + context.describe());
                }
                if (!fence.admit(context.plan().planId(), context.step().stepId())) {
                    return new Result.Stopped("fencing token " + fence.token() + " no longer holds the lock of cluster "
                            + context.plan().clusterId() + "; another executor owns it; " + context.describe()
                            + " was not carried out");
                }
                record(context, lifecycle, attempt, StepStatus.STARTED, fence.token(), "attempt " + attempt + " (up to "
                        + last + ") admitted with fencing token " + fence.token());
                outcome = attempt(context);
                if (outcome.notAdmitted()) {
                    return new Result.Stopped("fencing token " + fence.token() + " lost the lock of cluster "
                            + context.plan().clusterId() + " during the attempt: " + outcome.detail());
                }
                if (!fence.admit(context.plan().planId(), context.step().stepId())) {
                    // paused or cut off past the lease during the attempt: another executor may own the plan by
                    // now, so the end of this attempt is not this executor's to record
                    return new Result.Stopped("fencing token " + fence.token() + " lost the lock of cluster "
                            + context.plan().clusterId() + " during " + context.describe() + "; its end ("
                            + outcome.status() + ") was not recorded");
                }
                record(context, lifecycle, attempt, outcome.status(), fence.token(), outcome.detail());
                if (outcome.status().isDone()) {
                    return new Result.Done(outcome);
                }
                if (!outcome.retriable()) {
                    break;
                }
                if (attempt < last) {
                    pacer.pause(retry.backoffAfter(attempt - first + 1));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.Stopped("interrupted during " + context.describe());
        } catch (RecordingFailed e) {
            return new Result.Stopped(e.getMessage());
        }
        return new Result.Failed(outcome.status(), outcome.detail());
    }

    private StepOutcome attempt(StepContext context) throws InterruptedException {
        try {
            if (context.plan().mode() == PlanMode.DRY_RUN) {
                return StepOutcome.dryRun(handler.describe(context));
            }
            return handler.execute(context);
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s failed unexpectedly", context.describe());
            return StepOutcome.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void record(StepContext context, StepLifecycle lifecycle, int attempt, StepStatus status, long token,
            String detail) {
        lifecycle.move(status);
        try {
            recorder.record(events.step(context, attempt, status, token, detail));
        } catch (RuntimeException e) {
            throw new RecordingFailed("cannot record " + status + " of " + context.describe() + ": " + e.getMessage(), e);
        }
        LOG.infof("%s attempt %d: %s - %s", context.describe(), attempt, status, LogSafe.text(detail));
    }

    /** A step event that could not be made durable: the plan stops, and is delivered again. */
    private static final class RecordingFailed extends RuntimeException {
        RecordingFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
