package dev.revive.detector.domain;

import dev.revive.contracts.fault.FaultKind;
import java.util.Map;
import java.util.Objects;

/**
 * A condition a watch (log rule, resource threshold) found on a node, to be published as one fault.
 *
 * @param kind      the fault kind
 * @param condition names the condition within the node (the rule's name, {@code cpu}, {@code disk}, …);
 *                  part of the fault's dedup key
 * @param evidence  what was seen
 */
public record Finding(FaultKind kind, String condition, Map<String, String> evidence) {

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(condition, "condition");
        evidence = Map.copyOf(evidence);
    }
}
