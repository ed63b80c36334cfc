package dev.revive.detector.domain;

import dev.revive.contracts.fault.FaultKind;
import dev.revive.targets.kind.ProbeResult;
import java.util.List;
import java.util.Objects;

/**
 * One probe of a node and, when it failed, what the second path found.
 *
 * @param probe        the probe's result
 * @param reachability the second path's findings; null when the probe answered
 * @param othersNotAnswering the other members of the node's cluster whose last probe failed too, sorted; null when
 *                     not known
 */
public record Observation(ProbeResult probe, Reachability reachability, List<String> othersNotAnswering) {

    public Observation {
        Objects.requireNonNull(probe, "probe");
        if (!probe.isSuccess()) {
            Objects.requireNonNull(reachability, "reachability of a failed probe");
        }
        othersNotAnswering = othersNotAnswering == null ? null : List.copyOf(othersNotAnswering);
    }

    /** The node answered. */
    public static Observation answered() {
        return answered(ProbeResult.answered());
    }

    /** The node answered with {@code probe} (which may carry what it said of itself: its facts). */
    public static Observation answered(ProbeResult probe) {
        return new Observation(probe, null, null);
    }

    /** The probe failed; {@code reachability} is what the second path found; the other members are not known. */
    public static Observation failed(ProbeResult probe, Reachability reachability) {
        return new Observation(probe, reachability, null);
    }

    /** The probe failed, and so did the last probe of {@code othersNotAnswering} (the cluster's other members). */
    public static Observation failed(ProbeResult probe, Reachability reachability, List<String> othersNotAnswering) {
        return new Observation(probe, reachability, othersNotAnswering);
    }

    /** True when the node answered. */
    public boolean isSuccess() {
        return probe.isSuccess();
    }

    /**
     * The fault a failed observation means: a refused probe, or a process the second path finds down,
     * is {@code PROCESS_DOWN}; a timeout or error answer while the process may run is {@code UNREACHABLE},
     * which the planner confirms over a window before it acts; a node that runs but reports a failed unit of work
     * is {@code TASK_FAILED}.
     */
    public FaultKind faultKind() {
        return switch (probe.outcome()) {
            case REFUSED -> FaultKind.PROCESS_DOWN;
            case TIMEOUT, FAILED -> reachability.processDown() ? FaultKind.PROCESS_DOWN : FaultKind.UNREACHABLE;
            case TASK_FAILED -> reachability.processDown() ? FaultKind.PROCESS_DOWN : FaultKind.TASK_FAILED;
            case ANSWERED -> throw new IllegalStateException("an answered probe is not a fault");
        };
    }
}
