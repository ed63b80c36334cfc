package dev.revive.targets.etcd.check;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.etcd.EtcdKey;
import dev.revive.targets.etcd.KeyRange;
import dev.revive.targets.etcd.SnapshotMetadata;
import dev.revive.targets.kind.CheckFinding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys written during the outage are on every member: the keys last modified after the revision of the plan's
 * snapshot ({@link PlanSnapshot}), read on each answering member with a serializable read at one common revision
 * ({@link CommonRevision}), must be the same keys at the same mod revisions everywhere, and no member of the spec may
 * be silent or behind the snapshot. A HEALTH check: a member that is down or behind is not whole, while replicas
 * that disagree at one revision fail the DATA checks ({@code keys-match}, {@code hash-kv-equal}) too. No snapshot for
 * the plan, or one that records no revision, is SKIPPED with that reason: there is nothing to count from.
 */
final class OutageWritesPresent extends EtcdCheck {

    /** At most this many keys written after the snapshot are compared per member. */
    static final int LIMIT = 10_000;

    private static final String EXPECTED = "the keys written after the plan's snapshot, at the same mod revisions, "
            + "on every member";

    OutageWritesPresent() {
        super("outage-writes-present", CheckFinding.Kind.HEALTH);
    }

    @Override
    CheckResult run(CheckContext context) {
        PlanSnapshot snapshot = context.snapshot();
        if (snapshot.file().isEmpty()) {
            return result(CheckStatus.SKIPPED, snapshot.absence(), EXPECTED, Map.of());
        }
        Path file = snapshot.file().get();
        if (snapshot.metadata().isEmpty()) {
            return result(CheckStatus.SKIPPED, "snapshot " + file + " records no revision to count from", EXPECTED,
                    Map.of("snapshot", file.toString()));
        }
        long after = snapshot.metadata().map(SnapshotMetadata::revision).orElseThrow();
        List<MemberReading> answering = context.answering();
        if (answering.isEmpty()) {
            return result(CheckStatus.ERROR, "no member answered", EXPECTED, Map.of());
        }
        String problem = "";
        for (int attempt = 1; attempt <= context.hashAttempts(); attempt++) {
            Read<Long> revision = CommonRevision.of(answering, context, attempt);
            if (!revision.ok()) {
                problem = revision.error();
                continue;
            }
            if (revision.value() < after) {
                return behind(answering, after, file);
            }
            Read<Map<String, List<KeyRange.Entry>>> held = KeyComparison.readAll(context.reader(), answering,
                    List.of(KeyRange.modifiedAfter(after, revision.value(), LIMIT)));
            if (held.ok()) {
                return judge(held.value(), context, after, revision.value(), file);
            }
            problem = held.error();
        }
        return result(CheckStatus.ERROR, problem + " (after " + context.hashAttempts() + " attempt(s))", EXPECTED,
                Map.of("snapshot", file + " at revision " + after));
    }

    private CheckResult judge(Map<String, List<KeyRange.Entry>> held, CheckContext context, long after, long revision,
            Path file) {
        int written = held.values().stream().mapToInt(List::size).max().orElse(0);
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("snapshot", file + " at revision " + after);
        evidence.put("count", written + " key(s) written after the snapshot, compared at revision " + revision
                + (written >= LIMIT ? " (the first " + LIMIT + " only)" : ""));
        held.forEach((nodeId, entries) -> evidence.put(nodeId, entries.size() + " key(s)"));
        List<String> problems = new ArrayList<>();
        List<MemberReading> silent = context.readings().stream().filter(reading -> !reading.answered()).toList();
        silent.forEach(reading -> evidence.put(reading.nodeId(), "does not answer: " + Evidence.clip(reading.error())));
        if (!silent.isEmpty()) {
            problems.add("cannot be shown on " + Evidence.nodeIds(silent) + ", which do(es) not answer");
        }
        List<EtcdKey> differing = KeyComparison.differing(List.copyOf(held.values()));
        differing.stream().limit(KeyComparison.SHOWN).forEach(key -> evidence.put("key " + key, String.join("; ",
                held.entrySet().stream().map(entry -> entry.getKey() + ": "
                        + KeyComparison.holding(entry.getValue(), key)).toList())));
        if (!differing.isEmpty()) {
            problems.add(differing.size() + " differ between members: " + KeyComparison.first(differing));
        }
        String observed = written + " key(s) written after snapshot revision " + after;
        if (problems.isEmpty()) {
            return result(CheckStatus.PASS, observed + " present at the same mod revisions on " + held.size()
                    + " member(s) at revision " + revision, EXPECTED, evidence);
        }
        return result(CheckStatus.FAIL, observed + ": " + String.join("; ", problems), EXPECTED, evidence);
    }

    private CheckResult behind(List<MemberReading> answering, long after, Path file) {
        List<MemberReading> behind = answering.stream().filter(reading -> reading.revision() < after).toList();
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("snapshot", file + " at revision " + after);
        answering.forEach(reading -> evidence.put(reading.nodeId(), "revision " + reading.revision()));
        return result(CheckStatus.FAIL, (behind.isEmpty() ? "a member" : Evidence.nodeIds(behind))
                + " has not reached the snapshot's revision " + after, EXPECTED, evidence);
    }
}
