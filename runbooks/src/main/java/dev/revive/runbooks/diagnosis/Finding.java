package dev.revive.runbooks.diagnosis;

import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One thing seen on a node (or on the whole cluster): the input of a {@link DiagnosisBuilder} and of triage.
 *
 * @param nodeId     the node, or null for the cluster as a whole
 * @param kind       what was seen
 * @param severity   how urgent it is
 * @param source     who saw it
 * @param observedAt when it was first seen
 * @param evidence   the facts that came with it ({@code sustained}, {@code line}, {@code processAlive}, …)
 */
public record Finding(String nodeId, FaultKind kind, Severity severity, String source, Instant observedAt,
        Map<String, String> evidence) {

    /** The evidence key a detector sets to {@code "true"} when a condition held for its whole duration. */
    public static final String SUSTAINED = "sustained";

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(observedAt, "observedAt");
        evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
    }

    /** True when the detector says the condition was sustained. */
    public boolean sustained() {
        return "true".equalsIgnoreCase(evidence.get(SUSTAINED));
    }

    /** One line for a diagnosis: node, kind, severity, source, time and the evidence sorted by key. */
    public String line() {
        StringBuilder line = new StringBuilder(nodeId == null ? "cluster" : nodeId).append(": ").append(kind)
                .append(' ').append(severity).append(" from ").append(source).append(" at ").append(observedAt);
        if (!evidence.isEmpty()) {
            line.append(" (");
            new TreeMap<>(evidence).forEach((key, value) -> line.append(key).append('=').append(value).append(", "));
            line.setLength(line.length() - 2);
            line.append(')');
        }
        return line.toString();
    }
}
