package dev.revive.contracts.fault;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.revive.contracts.validation.Check;
import java.time.Instant;
import java.util.Map;

/**
 * A fault seen by a detector or reported by another system, on topic {@code revive.faults}.
 *
 * @param faultId    unique id of this observation (the CloudEvent id)
 * @param clusterId  the registered cluster it concerns
 * @param nodeId     the node, or null when the fault is cluster-wide
 * @param kind       what was observed
 * @param severity   how urgent it is
 * @param observedAt when it was observed
 * @param source     who observed it (a detector probe, "alertmanager", …)
 * @param evidence   what was seen, as short key/value facts
 * @param dedupKey   faults with the same key describe the same condition
 */
public record FaultEvent(
        String faultId,
        String clusterId,
        String nodeId,
        FaultKind kind,
        Severity severity,
        Instant observedAt,
        String source,
        Map<String, String> evidence,
        String dedupKey) {

    /**
     * Evidence key prefix of what a node said of itself in its last answered probe, before the fault (the detector
     * writes {@code last.role}, {@code last.position} for kinds whose probe reports them).
     */
    public static final String LAST_ANSWERED = "last.";

    /** Evidence key: the replication position (Redis: the offset in bytes) the node last answered with. */
    public static final String LAST_POSITION = LAST_ANSWERED + "position";

    public FaultEvent {
        Check.id("faultId", faultId);
        Check.id("clusterId", clusterId);
        Check.optionalId("nodeId", nodeId);
        Check.required("kind", kind);
        Check.required("severity", severity);
        Check.required("observedAt", observedAt);
        Check.text("source", source);
        evidence = Check.textMap("evidence", evidence);
        Check.text("dedupKey", dedupKey);
    }

    /** The CloudEvent subject: {@code clusterId} or {@code clusterId/nodeId}. */
    public String subject() {
        return nodeId == null ? clusterId : clusterId + "/" + nodeId;
    }

    /** True when this event says a node or cluster is fine again (derived, so not written to JSON). */
    @JsonIgnore
    public boolean isRecovery() {
        return kind == FaultKind.RECOVERED;
    }
}
