package dev.revive.detector.domain;

import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.time.IdSource;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Builds the fault events the detector publishes (probes and watches): ids from the {@link IdSource}, times from the {@link Clock}. */
public final class Faults {

    /** Evidence key: the probed client URL. */
    public static final String ENDPOINT = "endpoint";
    /** Evidence key: how many probes in a row failed. */
    public static final String CONSECUTIVE_FAILURES = "consecutiveFailures";
    /** Evidence key: the error of the last failed probe. */
    public static final String LAST_ERROR = "lastError";
    /** Evidence key: how many probes in a row succeeded. */
    public static final String CONSECUTIVE_SUCCESSES = "consecutiveSuccesses";
    /** Evidence key: the id of the fault a recovery resolves. */
    public static final String RESOLVES_FAULT_ID = "resolvesFaultId";
    /** Evidence key: the dedup key of the fault a recovery resolves. */
    public static final String RESOLVES = "resolves";
    /** Evidence key: whether the node's process runs ({@code true}, {@code false}, {@code unknown}). */
    public static final String PROCESS_ALIVE = "processAlive";
    /** Evidence key: the TCP connect to the client port ({@code open}, {@code refused}, {@code timeout}, {@code error}). */
    public static final String TCP_CLIENT = "tcpClient";
    /** Evidence key: the TCP connect to the peer port, only for nodes with one. */
    public static final String TCP_PEER = "tcpPeer";
    /** Evidence key: the same as {@link #TCP_CLIENT}, under the name the agreed flow gives it. */
    public static final String TCP_CONNECT = "tcpConnect";
    /** Evidence key: what the detector suspects when the evidence points away from the node itself. */
    public static final String SUSPECTED = "suspected";
    /** The {@link #SUSPECTED} value of an UNREACHABLE node whose process runs but whose port nothing reaches. */
    public static final String NETWORK_CUT = "network cut: the process runs but its client port cannot be reached";
    /** Evidence key: the cluster's other members whose last probe failed too, or {@link #NO_OTHERS}. */
    public static final String OTHERS_NOT_ANSWERING = "othersNotAnswering";
    /** The {@link #OTHERS_NOT_ANSWERING} value when every other member answered its last probe. */
    public static final String NO_OTHERS = "none";
    /** Evidence key: {@code true} on every watch fault: the condition held (N matches, a duration). */
    public static final String SUSTAINED = "sustained";

    private static final int MAX_ERROR_CHARS = 1_000;
    private static final String ID_PREFIX = "fault";

    private final Clock clock;
    private final IdSource ids;
    private final String source;

    /**
     * @param clock  when faults are observed
     * @param ids    where fault ids come from
     * @param source the {@code source} written into every fault
     */
    public Faults(Clock clock, IdSource ids, String source) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** {@code <cluster>/<node>/<kind>}: faults with the same key describe the same condition. */
    public static String dedupKey(NodeRef node, FaultKind kind) {
        return node.clusterId() + "/" + node.nodeId() + "/" + kind.name();
    }

    /**
     * The one fault of a node that failed {@code consecutiveFailures} probes, the last being {@code last}: its kind
     * and the reachability evidence come from that last observation. It is CRITICAL, except for a node that is cut
     * off (its process runs, its port cannot be reached): a restart cannot repair a network, and restarting a
     * healthy member on the far side of a partition is what Revive must never do, so that fault is a WARNING
     * (a notice by the default triage table) with the suspicion in its evidence.
     */
    public FaultEvent down(NodeRef node, Observation last, int consecutiveFailures) {
        return down(node, last, consecutiveFailures, Map.of());
    }

    /**
     * The same fault, its evidence also carrying what the node said of itself in its last answered probe
     * ({@code lastFacts}, each as {@link FaultEvent#LAST_ANSWERED}{@code <key>}: a Redis primary's replication offset
     * bounds what a promotion may lose).
     */
    public FaultEvent down(NodeRef node, Observation last, int consecutiveFailures, Map<String, String> lastFacts) {
        Map<String, String> evidence = new LinkedHashMap<>();
        lastFacts.forEach((key, value) -> evidence.put(FaultEvent.LAST_ANSWERED + key, value));
        evidence.put(ENDPOINT, node.endpoint());
        evidence.put(CONSECUTIVE_FAILURES, Integer.toString(consecutiveFailures));
        evidence.put(LAST_ERROR, abbreviate(last.probe().error()));
        Reachability reachability = last.reachability();
        evidence.put(PROCESS_ALIVE, reachability.process().evidence());
        evidence.put(TCP_CLIENT, reachability.client().evidence());
        evidence.put(TCP_CONNECT, reachability.client().evidence());
        if (reachability.peer() != null) {
            evidence.put(TCP_PEER, reachability.peer().evidence());
        }
        if (last.othersNotAnswering() != null) {
            evidence.put(OTHERS_NOT_ANSWERING, last.othersNotAnswering().isEmpty() ? NO_OTHERS
                    : String.join(", ", last.othersNotAnswering()));
        }
        Severity severity = Severity.CRITICAL;
        if (last.faultKind() == FaultKind.UNREACHABLE && reachability.cutOff()) {
            evidence.put(SUSPECTED, NETWORK_CUT);
            severity = Severity.WARNING;
        }
        return event(node, last.faultKind(), severity, evidence, dedupKey(node, last.faultKind()));
    }

    /**
     * The one critical fault of a condition a watch found; dedup key {@code <cluster>/<node>/<kind>/<condition>}.
     * These faults are never followed by a RECOVERED: only probe faults are.
     */
    public FaultEvent found(NodeRef node, Finding finding) {
        Map<String, String> evidence = new LinkedHashMap<>(finding.evidence());
        evidence.put(SUSTAINED, "true");
        return event(node, finding.kind(), Severity.CRITICAL, evidence,
                dedupKey(node, finding.kind()) + "/" + finding.condition());
    }

    /** The one recovery of a node that answered {@code consecutiveSuccesses} probes after {@code down}. */
    public FaultEvent recovered(NodeRef node, FaultEvent down, int consecutiveSuccesses) {
        Map<String, String> evidence = Map.of(
                ENDPOINT, node.endpoint(),
                CONSECUTIVE_SUCCESSES, Integer.toString(consecutiveSuccesses),
                RESOLVES_FAULT_ID, down.faultId(),
                RESOLVES, down.dedupKey());
        return event(node, FaultKind.RECOVERED, Severity.INFO, evidence, dedupKey(node, FaultKind.RECOVERED));
    }

    private FaultEvent event(NodeRef node, FaultKind kind, Severity severity, Map<String, String> evidence,
            String dedupKey) {
        return new FaultEvent(ids.next(ID_PREFIX), node.clusterId(), node.nodeId(), kind, severity, clock.instant(),
                source, evidence, dedupKey);
    }

    private static String abbreviate(String error) {
        if (error == null || error.isBlank()) {
            return "(no detail)";
        }
        return error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS) + "…";
    }
}
