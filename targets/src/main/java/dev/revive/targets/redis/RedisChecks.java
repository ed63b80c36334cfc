package dev.revive.targets.redis;

import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.kind.CheckFinding;
import dev.revive.targets.kind.CheckRequest;
import dev.revive.targets.kind.ClusterCheckSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The verification checks of a Redis primary with replicas, from one INFO reading of every node per round. HEALTH:
 * every node answers and none loads ({@value #NODES_ANSWER}); exactly one node answers as primary
 * ({@value #SINGLE_PRIMARY}); every other answering node is a replica linked to it ({@value #REPLICAS_LINKED}). The
 * comparisons of offsets, key counts and digests ({@link RedisDataChecks}) follow. A node that is down, unlinked or
 * behind fails a HEALTH check (DEGRADED), never a DATA one: the DATA checks compare only the nodes at the primary's
 * offset.
 */
public final class RedisChecks implements ClusterCheckSet {

    /** Every node answers INFO and none loads its dataset. */
    public static final String NODES_ANSWER = "nodes-answer";
    /** Exactly one node answers as primary. */
    public static final String SINGLE_PRIMARY = "single-primary";
    /** Every other answering node is a replica of that primary with its link up. */
    public static final String REPLICAS_LINKED = "replicas-linked";

    private final RedisAdapter redis;
    private final RedisDataChecks data;

    public RedisChecks(RedisAdapter redis, RedisDataChecks data) {
        this.redis = redis;
        this.data = data;
    }

    @Override
    public List<CheckFinding> round(CheckRequest request) {
        List<NodeReading> readings = NodeReading.all(redis, request.spec().nodes());
        List<CheckFinding> findings = new ArrayList<>(health(readings));
        findings.addAll(data.run(readings, request.hashAttempts()));
        findings.add(RedisDataLoss.check(request));
        return findings;
    }

    @Override
    public List<CheckFinding> quickLook(CheckRequest request) {
        return health(NodeReading.all(redis, request.spec().nodes()));
    }

    static List<CheckFinding> health(List<NodeReading> readings) {
        return List.of(nodesAnswer(readings), singlePrimary(readings), replicasLinked(readings));
    }

    private static CheckFinding nodesAnswer(List<NodeReading> readings) {
        RedisEvidence evidence = new RedisEvidence();
        List<String> missing = new ArrayList<>();
        for (NodeReading reading : readings) {
            evidence.put(reading.id(), reading.describe());
            if (!reading.answering() || reading.persistence().loading()) {
                missing.add(reading.id());
            }
        }
        return evidence.finding(CheckFinding.Kind.HEALTH, NODES_ANSWER, status(missing.isEmpty()),
                missing.isEmpty() ? "all " + readings.size() + " nodes answer"
                        : "not answering or loading: " + String.join(", ", missing),
                "every node answers and none loads its dataset");
    }

    private static CheckFinding singlePrimary(List<NodeReading> readings) {
        RedisEvidence evidence = new RedisEvidence();
        readings.forEach(reading -> evidence.put(reading.id(), reading.answering()
                ? reading.replication().roleName() : "silent"));
        List<String> primaries = primaries(readings).stream().map(NodeReading::id).toList();
        String observed = primaries.isEmpty() ? "no node answers as primary"
                : primaries.size() == 1 ? "primary " + primaries.get(0)
                : primaries.size() + " nodes answer as primary: " + String.join(", ", primaries);
        return evidence.finding(CheckFinding.Kind.HEALTH, SINGLE_PRIMARY, status(primaries.size() == 1), observed,
                "exactly one node answers as primary");
    }

    private static CheckFinding replicasLinked(List<NodeReading> readings) {
        List<NodeReading> primaries = primaries(readings);
        RedisEvidence evidence = new RedisEvidence();
        readings.forEach(reading -> evidence.put(reading.id(), reading.describe()));
        String expected = "every other node a replica of the primary with its link up";
        if (primaries.size() != 1) {
            return evidence.finding(CheckFinding.Kind.HEALTH, REPLICAS_LINKED, CheckStatus.FAIL,
                    "no single primary to be linked to", expected);
        }
        NodeReading primary = primaries.get(0);
        List<String> unlinked = readings.stream().filter(reading -> reading != primary && !reading.linkedTo(primary))
                .map(NodeReading::id).toList();
        return evidence.finding(CheckFinding.Kind.HEALTH, REPLICAS_LINKED, status(unlinked.isEmpty()),
                unlinked.isEmpty() ? "every replica linked to " + primary.id()
                        : "not linked to " + primary.id() + ": " + String.join(", ", unlinked), expected);
    }

    static List<NodeReading> primaries(List<NodeReading> readings) {
        return readings.stream().filter(NodeReading::isPrimary).toList();
    }

    private static CheckStatus status(boolean pass) {
        return pass ? CheckStatus.PASS : CheckStatus.FAIL;
    }
}
