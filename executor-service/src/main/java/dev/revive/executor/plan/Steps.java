package dev.revive.executor.plan;

/** Carries out one attempt of one step, checking the real state first so that every step is idempotent. */
@FunctionalInterface
public interface Steps {

    StepOutcome execute(StepContext context) throws InterruptedException;
}
