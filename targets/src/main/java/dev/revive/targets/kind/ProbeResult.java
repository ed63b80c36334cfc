package dev.revive.targets.kind;

import java.util.Objects;

/**
 * The outcome of one probe of one node.
 *
 * @param outcome whether it answered, and how it failed if not
 * @param error   what went wrong, null when it answered
 */
public record ProbeResult(Outcome outcome, String error) {

    /** How a probe ended. */
    public enum Outcome {
        /** The node answered in time, as expected. */
        ANSWERED,
        /** Nothing listens at the endpoint: the process is most likely down. */
        REFUSED,
        /** No answer within the probe timeout: hung, overloaded or cut off. */
        TIMEOUT,
        /** It answered, but with an error or not as expected. */
        FAILED,
        /** It answered and runs, but a unit of its work failed (a Kafka Connect task): the work is restarted first. */
        TASK_FAILED
    }

    public ProbeResult {
        Objects.requireNonNull(outcome, "outcome");
    }

    public static ProbeResult answered() {
        return new ProbeResult(Outcome.ANSWERED, null);
    }

    public static ProbeResult refused(String error) {
        return new ProbeResult(Outcome.REFUSED, error);
    }

    public static ProbeResult timedOut(String error) {
        return new ProbeResult(Outcome.TIMEOUT, error);
    }

    public static ProbeResult failed(String error) {
        return new ProbeResult(Outcome.FAILED, error);
    }

    public static ProbeResult taskFailed(String error) {
        return new ProbeResult(Outcome.TASK_FAILED, error);
    }

    /** True when the node answered. */
    public boolean isSuccess() {
        return outcome == Outcome.ANSWERED;
    }
}
