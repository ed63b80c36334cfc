package dev.revive.detector.alerts;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.json.RejectReason;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The label rules that turn an alert's labels into a registered cluster and node, a fault kind and a severity
 * ({@code revive.detector.alerts.*}). Plain Java: the clusters are looked up through a function.
 */
public final class AlertMapping {

    private final Rules rules;
    private final Pattern nodePattern;

    /**
     * The configured rules.
     *
     * @param clusterLabel    the label naming the cluster id
     * @param nodeLabel       the label naming the node (absent: a cluster-wide fault)
     * @param nodePattern     a regex the node label's whole value must match; group 1, else the whole value, is the id
     * @param kindLabel       the label, else annotation, naming the fault kind
     * @param defaultKind     the kind without {@code kindLabel}
     * @param severityLabel   the label naming the severity
     * @param defaultSeverity the severity without a known {@code severityLabel} value
     */
    public record Rules(String clusterLabel, String nodeLabel, String nodePattern, String kindLabel,
            FaultKind defaultKind, String severityLabel, Severity defaultSeverity) {
    }

    /** What the rules made of an alert. */
    public sealed interface Result permits Mapped, Unmapped {
    }

    /**
     * An alert about a registered cluster (and node, unless it is cluster-wide).
     *
     * @param clusterId the cluster
     * @param nodeId    the node, or null for a cluster-wide alert
     * @param kind      the fault kind
     * @param severity  the severity
     */
    public record Mapped(String clusterId, String nodeId, FaultKind kind, Severity severity) implements Result {
    }

    /**
     * An alert the rules cannot place.
     *
     * @param reason    why: a label missing, an unknown cluster or node, a bad kind
     * @param field     the offending field, e.g. {@code alerts[1].labels.cluster}
     * @param detail    what is wrong, for a person
     * @param clusterId the cluster label's value, when there was one
     */
    public record Unmapped(RejectReason reason, String field, String detail, String clusterId) implements Result {
    }

    /**
     * An alert's labels and where they came from.
     *
     * @param labels      its labels (PagerDuty: the scalar {@code custom_details}, plus {@code source} as the node)
     * @param annotations its annotations (none for PagerDuty)
     * @param fieldOf     the request field of a label, e.g. {@code instance} → {@code alerts[0].labels.instance}
     */
    public record Labels(Map<String, String> labels, Map<String, String> annotations, UnaryOperator<String> fieldOf) {
    }

    /** Rules whose node pattern is checked now; {@link IllegalArgumentException} naming the key when it is no regex. */
    public AlertMapping(Rules rules) {
        this.rules = rules;
        try {
            this.nodePattern = Pattern.compile(rules.nodePattern());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("revive.detector.alerts.node-pattern: not a regex: " + e.getDescription(), e);
        }
    }

    /** The rules in force. */
    public Rules rules() {
        return rules;
    }

    /** Maps {@code alert} onto the clusters {@code clusters} knows. */
    public Result map(Labels alert, Function<String, Optional<ClusterSpec>> clusters) {
        String clusterId = alert.labels().get(rules.clusterLabel());
        String clusterField = alert.fieldOf().apply(rules.clusterLabel());
        if (clusterId == null || clusterId.isBlank()) {
            return new Unmapped(RejectReason.MISSING_FIELD, clusterField,
                    "no label '" + rules.clusterLabel() + "' names the cluster", null);
        }
        Optional<ClusterSpec> spec = clusters.apply(clusterId);
        if (spec.isEmpty()) {
            return new Unmapped(RejectReason.UNKNOWN_CLUSTER, clusterField,
                    "cluster '" + abbreviate(clusterId) + "' is not registered", clusterId);
        }
        String nodeValue = alert.labels().get(rules.nodeLabel());
        String nodeId = null;
        if (nodeValue != null && !nodeValue.isBlank()) {
            String nodeField = alert.fieldOf().apply(rules.nodeLabel());
            Matcher matcher = nodePattern.matcher(nodeValue);
            if (!matcher.matches()) {
                return new Unmapped(RejectReason.UNKNOWN_NODE, nodeField, "'" + abbreviate(nodeValue)
                        + "' does not match revive.detector.alerts.node-pattern", clusterId);
            }
            nodeId = matcher.groupCount() >= 1 && matcher.group(1) != null ? matcher.group(1) : nodeValue;
            if (spec.get().node(nodeId).isEmpty()) {
                return new Unmapped(RejectReason.UNKNOWN_NODE, nodeField,
                        "'" + abbreviate(nodeId) + "' is not a node of cluster '" + clusterId + "'", clusterId);
            }
        }
        String kindValue = alert.labels().getOrDefault(rules.kindLabel(), alert.annotations().get(rules.kindLabel()));
        Optional<FaultKind> kind = kind(kindValue);
        if (kind.isEmpty()) {
            return new Unmapped(RejectReason.INVALID_VALUE, alert.fieldOf().apply(rules.kindLabel()),
                    "'" + abbreviate(kindValue) + "' is not a fault kind", clusterId);
        }
        return new Mapped(clusterId, nodeId, kind.get(), severity(alert.labels().get(rules.severityLabel())));
    }

    private Optional<FaultKind> kind(String value) {
        if (value == null) {
            return Optional.of(rules.defaultKind());
        }
        try {
            FaultKind kind = FaultKind.valueOf(value.strip().toUpperCase(Locale.ROOT));
            return kind == FaultKind.RECOVERED ? Optional.empty() : Optional.of(kind);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code critical}/{@code error} → CRITICAL, {@code warning} → WARNING, {@code info} → INFO, else the default. */
    public Severity severity(String value) {
        if (value == null) {
            return rules.defaultSeverity();
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "critical", "error" -> Severity.CRITICAL;
            case "warning" -> Severity.WARNING;
            case "info" -> Severity.INFO;
            default -> rules.defaultSeverity();
        };
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
