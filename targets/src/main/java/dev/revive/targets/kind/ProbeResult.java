package dev.revive.targets.kind;

import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one probe of one node.
 *
 * @param outcome whether it answered, and how it failed if not
 * @param error   what went wrong, null when it answered
 * @param facts   what an answering node said of itself that a later fault should remember (the detector keeps the
 *                last answered facts of each node and a fault of that node carries them in its evidence as
 *                {@code last.<key>}); well-known keys {@link #ROLE} and {@link #POSITION}; empty for most kinds
 */
public record ProbeResult(Outcome outcome, String error, Map<String, String> facts) {

    /** Fact key: the role the node said it plays ({@code PRIMARY}, {@code REPLICA}). */
    public static final String ROLE = "role";

    /** Fact key: the node's replication position (Redis: its replication offset in bytes), a decimal number. */
    public static final String POSITION = "position";

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
        facts = facts == null ? Map.of() : Map.copyOf(facts);
    }

    /** A result without facts. */
    public ProbeResult(Outcome outcome, String error) {
        this(outcome, error, Map.of());
    }

    /** The node answered and said {@code facts} of itself ({@link #ROLE}, {@link #POSITION}). */
    public static ProbeResult answered(Map<String, String> facts) {
        return new ProbeResult(Outcome.ANSWERED, null, facts);
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
