package dev.revive.detector.domain;

import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.time.IdSource;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/** Builds the fault events a probe publishes: ids from the {@link IdSource}, times from the {@link Clock}. */
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

    /** The kind of fault a failed probe outcome means. */
    public static FaultKind kindOf(ProbeResult.Outcome outcome) {
        return switch (outcome) {
            case REFUSED -> FaultKind.PROCESS_DOWN;
            case TIMEOUT -> FaultKind.UNREACHABLE;
            case FAILED -> FaultKind.UNHEALTHY;
            case ANSWERED -> throw new IllegalArgumentException("an answered probe is not a fault");
        };
    }

    /** {@code <cluster>/<node>/<kind>}: faults with the same key describe the same condition. */
    public static String dedupKey(NodeRef node, FaultKind kind) {
        return node.clusterId() + "/" + node.nodeId() + "/" + kind.name();
    }

    /** The one critical fault of a node that failed {@code consecutiveFailures} probes, the last being {@code last}. */
    public FaultEvent down(NodeRef node, ProbeResult last, int consecutiveFailures) {
        FaultKind kind = kindOf(last.outcome());
        Map<String, String> evidence = Map.of(
                ENDPOINT, node.endpoint(),
                CONSECUTIVE_FAILURES, Integer.toString(consecutiveFailures),
                LAST_ERROR, abbreviate(last.error()));
        return event(node, kind, Severity.CRITICAL, evidence);
    }

    /** The one recovery of a node that answered {@code consecutiveSuccesses} probes after {@code down}. */
    public FaultEvent recovered(NodeRef node, FaultEvent down, int consecutiveSuccesses) {
        Map<String, String> evidence = Map.of(
                ENDPOINT, node.endpoint(),
                CONSECUTIVE_SUCCESSES, Integer.toString(consecutiveSuccesses),
                RESOLVES_FAULT_ID, down.faultId(),
                RESOLVES, down.dedupKey());
        return event(node, FaultKind.RECOVERED, Severity.INFO, evidence);
    }

    private FaultEvent event(NodeRef node, FaultKind kind, Severity severity, Map<String, String> evidence) {
        return new FaultEvent(ids.next(ID_PREFIX), node.clusterId(), node.nodeId(), kind, severity, clock.instant(),
                source, evidence, dedupKey(node, kind));
    }

    private static String abbreviate(String error) {
        if (error == null || error.isBlank()) {
            return "(no detail)";
        }
        return error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS) + "…";
    }
}
