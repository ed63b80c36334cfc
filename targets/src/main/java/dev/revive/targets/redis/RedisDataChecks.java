package dev.revive.targets.redis;

import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.action.Polling;
import dev.revive.targets.kind.CheckFinding;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The comparisons of a Redis primary with its linked replicas, read inside a short write pause on the primary
 * ({@code CLIENT PAUSE} {@value #PAUSE_MS} ms {@code WRITE}, which lifts itself; UNPAUSE right after the reading): the
 * primary's offset, every linked replica waited for (bounded, half the pause) until it reports that offset, then
 * DBSIZE and the digest of the primary and of every replica that reached it. A reading during which the primary's
 * offset moved (the pause ran out) is taken again, up to the round's attempts.
 * <ul>
 *   <li>{@value #OFFSETS_EQUAL} (a HEALTH finding: a replica behind is a cluster not whole, not a divergence): every
 *   linked replica reached the primary's offset;</li>
 *   <li>{@value #DBSIZE_EQUAL} and {@value #DIGEST_EQUAL} (DATA): equal among the primary and the replicas at its
 *   offset; nodes silent, unlinked or behind are named in the evidence and not compared.</li>
 * </ul>
 */
public final class RedisDataChecks {

    /** Every linked replica reports the primary's replication offset. */
    public static final String OFFSETS_EQUAL = "offsets-equal";
    /** The primary and every replica at its offset hold as many keys. */
    public static final String DBSIZE_EQUAL = "dbsize-equal";
    /** The primary and every replica at its offset have one keyspace digest. */
    public static final String DIGEST_EQUAL = "digest-equal";

    static final long PAUSE_MS = 1000;

    private static final String DBSIZE_EXPECTED = "one key count on the primary and every replica at its offset";
    private static final String DIGEST_EXPECTED = "one digest on the primary and every replica at its offset";

    private final RedisAdapter redis;
    private final Polling polling;

    /**
     * @param redis   the adapter every call goes through
     * @param polling how often a replica's offset is asked while waiting for it to catch up
     */
    public RedisDataChecks(RedisAdapter redis, Polling polling) {
        this.redis = redis;
        this.polling = polling;
    }

    /** The three findings, from the round's INFO {@code readings}; at most {@code attempts} paused readings. */
    List<CheckFinding> run(List<NodeReading> readings, int attempts) {
        List<NodeReading> primaries = RedisChecks.primaries(readings);
        if (readings.stream().noneMatch(NodeReading::answering)) {
            return unjudged(CheckStatus.ERROR, "no node answered");
        }
        if (primaries.size() != 1) {
            return unjudged(CheckStatus.SKIPPED, "no single primary to compare against");
        }
        NodeReading primary = primaries.get(0);
        List<NodeReading> replicas = readings.stream().filter(reading -> reading.linkedTo(primary)).toList();
        PausedReading reading = null;
        for (int attempt = 1; attempt <= attempts && (reading == null || !reading.stable()); attempt++) {
            reading = PausedReading.take(redis, polling, primary, replicas, Duration.ofMillis(PAUSE_MS / 2));
        }
        return judge(readings, reading, attempts);
    }

    private static List<CheckFinding> judge(List<NodeReading> readings, PausedReading reading, int attempts) {
        Map<String, String> evidence = evidence(readings, reading);
        if (reading.problem() != null) {
            return unjudged(CheckStatus.ERROR, reading.problem(), evidence);
        }
        List<String> behind = reading.behind();
        CheckFinding offsets = finding(evidence, CheckFinding.Kind.HEALTH, OFFSETS_EQUAL,
                behind.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL,
                behind.isEmpty() ? "every linked replica at offset " + reading.primaryOffset()
                        : "behind the primary's offset " + reading.primaryOffset() + ": " + String.join(", ", behind),
                "every linked replica at the primary's offset");
        if (!reading.stable()) {
            String moved = "the primary's offset moved during each of " + attempts + " paused reading(s)";
            return List.of(offsets, finding(evidence, CheckFinding.Kind.DATA, DBSIZE_EQUAL, CheckStatus.ERROR, moved,
                    DBSIZE_EXPECTED), finding(evidence, CheckFinding.Kind.DATA, DIGEST_EQUAL, CheckStatus.ERROR,
                    moved, DIGEST_EXPECTED));
        }
        return List.of(offsets,
                compare(evidence, DBSIZE_EQUAL, reading.dbsizes(), String::valueOf, reading.errors(),
                        DBSIZE_EXPECTED),
                compare(evidence, DIGEST_EQUAL, reading.digests(), digest -> digest.method() + " " + digest.value(),
                        reading.errors(), DIGEST_EXPECTED));
    }

    private static <T> CheckFinding compare(Map<String, String> evidence, String name, Map<String, T> values,
            Function<T, String> text, Map<String, String> errors, String expected) {
        if (!errors.isEmpty()) {
            return finding(evidence, CheckFinding.Kind.DATA, name, CheckStatus.ERROR,
                    "no reading from " + String.join(", ", errors.keySet()), expected);
        }
        Map<String, String> byNode = new LinkedHashMap<>();
        values.forEach((node, value) -> byNode.put(node, text.apply(value)));
        long distinct = byNode.values().stream().distinct().count();
        return finding(evidence, CheckFinding.Kind.DATA, name, distinct <= 1 ? CheckStatus.PASS : CheckStatus.FAIL,
                distinct <= 1 ? "equal on " + String.join(", ", byNode.keySet()) : "differ: " + byNode, expected);
    }

    private static Map<String, String> evidence(List<NodeReading> readings, PausedReading reading) {
        Map<String, String> evidence = new LinkedHashMap<>();
        for (NodeReading node : readings) {
            evidence.put(node.id(), reading.describe(node));
        }
        return evidence;
    }

    private static CheckFinding finding(Map<String, String> evidence, CheckFinding.Kind kind, String name,
            CheckStatus status, String observed, String expected) {
        RedisEvidence builder = new RedisEvidence();
        evidence.forEach(builder::put);
        return builder.finding(kind, name, status, observed, expected);
    }

    private static List<CheckFinding> unjudged(CheckStatus status, String why) {
        return unjudged(status, why, Map.of());
    }

    private static List<CheckFinding> unjudged(CheckStatus status, String why, Map<String, String> evidence) {
        return List.of(finding(evidence, CheckFinding.Kind.HEALTH, OFFSETS_EQUAL, status, why,
                        "every linked replica at the primary's offset"),
                finding(evidence, CheckFinding.Kind.DATA, DBSIZE_EQUAL, status, why, DBSIZE_EXPECTED),
                finding(evidence, CheckFinding.Kind.DATA, DIGEST_EQUAL, status, why, DIGEST_EXPECTED));
    }
}
