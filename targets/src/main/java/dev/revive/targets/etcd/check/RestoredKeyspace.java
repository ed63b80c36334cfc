package dev.revive.targets.etcd.check;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.etcd.KeyRange;
import dev.revive.targets.etcd.RestoredDataDir;
import dev.revive.targets.etcd.SnapshotMetadata;
import dev.revive.targets.kind.CheckFinding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * After a rollback, every member holds the keyspace of the one snapshot it was restored from (issue 9 §5).
 *
 * <p>SKIPPED unless the members' data dirs carry the restore marker of the verified plan ({@link PlanRestore}). Then
 * every member must carry one, all naming the same snapshot (else FAIL). From the snapshot's metadata comes its
 * revision R; on every member, serializably and bounded, etcd's HashKV at R and a count-only range over the whole
 * keyspace at R. HashKV at R hashes the MVCC history up to R (every version of every key, from the compacted
 * revision on), which a restore keeps exactly while the cluster's later writes only add revisions above R; so a
 * member restored from the snapshot has, at R, the hash and key count recorded from the source member right after the
 * snapshot was taken. A member below R cannot hold the snapshot (FAIL); a different hash or count is a member that
 * holds other data (FAIL). When the metadata recorded no hash and count (a snapshot written before they were), the
 * members are compared with each other only, and the result says so. A member that does not answer → ERROR (the
 * verifier retries rounds); a snapshot without metadata → ERROR (its revision is unknown).
 */
final class RestoredKeyspace extends EtcdCheck {

    RestoredKeyspace() {
        super("restored-keyspace", CheckFinding.Kind.DATA);
    }

    @Override
    CheckResult run(CheckContext context) {
        PlanRestore restore = context.restore();
        String expected = "every member restored by plan " + restore.planId() + " from one snapshot holds its "
                + "keyspace at its revision (HashKV and key count)";
        if (!restore.restored()) {
            return result(CheckStatus.SKIPPED, "the plan restored no snapshot", expected, Map.of());
        }
        Map<String, List<String>> bySnapshot = restore.bySnapshot();
        if (!restore.unmarked().isEmpty() || bySnapshot.size() > 1) {
            return result(CheckStatus.FAIL, (bySnapshot.size() > 1 ? "members restored from different snapshots: "
                    : "members restored from: ") + bySnapshot + (restore.unmarked().isEmpty() ? "" : "; not restored by the plan: " + restore.unmarked()),
                    expected, Map.of());
        }
        RestoredDataDir.Marker marker = restore.markers().values().iterator().next();
        Path file = restore.file(marker);
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("snapshot", file.toString());
        evidence.put("sha256", marker.sha256());
        Optional<SnapshotMetadata> metadata = SnapshotMetadata.of(file);
        if (metadata.isEmpty()) {
            return result(CheckStatus.ERROR, "snapshot " + file + " has no readable metadata: its revision is unknown",
                    expected, evidence);
        }
        return compare(context, metadata.get(), evidence, expected);
    }

    private CheckResult compare(CheckContext context, SnapshotMetadata metadata, Map<String, String> evidence,
            String expected) {
        long revision = metadata.revision();
        Map<String, SnapshotMetadata.Keyspace> held = new LinkedHashMap<>();
        List<String> below = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        for (MemberReading reading : context.readings()) {
            String node = reading.nodeId();
            if (reading.answered() && reading.revision() < revision) {
                below.add(node);
                evidence.put(node, "at revision " + reading.revision() + ", below the snapshot's " + revision);
                continue;
            }
            Read<SnapshotMetadata.Keyspace> keyspace = keyspace(context.reader(), reading, revision);
            if (keyspace.ok()) {
                held.put(node, keyspace.value());
                evidence.put(node, words(keyspace.value(), revision));
            } else {
                silent.add(node);
                evidence.put(node, "no keyspace at revision " + revision + ": " + Evidence.clip(keyspace.error()));
            }
        }
        Optional<SnapshotMetadata.Keyspace> recorded = metadata.keyspace();
        Map<String, List<String>> differing = differing(held, recorded);
        if (!below.isEmpty() || !differing.isEmpty()) {
            return result(CheckStatus.FAIL, failure(below, differing, recorded, revision), expected, evidence);
        }
        if (!silent.isEmpty()) {
            return result(CheckStatus.ERROR, "no keyspace at revision " + revision + " from "
                    + String.join(", ", silent), expected, evidence);
        }
        SnapshotMetadata.Keyspace one = held.values().iterator().next();
        String how = recorded.isPresent() ? "as recorded with the snapshot"
                : "the snapshot's metadata records no hashKV and key count, so the members were compared with each "
                        + "other only";
        return result(CheckStatus.PASS, words(one, revision) + " on " + held.size() + " member(s), " + how, expected,
                evidence);
    }

    /** The member's HashKV and live key count at {@code revision}, or why it gave none. */
    private static Read<SnapshotMetadata.Keyspace> keyspace(MemberReader reader, MemberReading reading,
            long revision) {
        if (!reading.answered()) {
            return Read.failed(reading.error());
        }
        HashReading hash = reader.hash(reading.member(), revision);
        if (!hash.ok()) {
            return Read.failed(hash.error());
        }
        Read<KeyRange.Page> count = reader.range(reading.member(), KeyRange.count(revision));
        return count.ok() ? Read.of(new SnapshotMetadata.Keyspace(hash.hash(), count.value().count()))
                : Read.failed(count.error());
    }

    /**
     * The keyspaces other than the recorded one, each with its members; without a recorded one, every keyspace when
     * the members do not all hold the same.
     */
    private static Map<String, List<String>> differing(Map<String, SnapshotMetadata.Keyspace> held,
            Optional<SnapshotMetadata.Keyspace> recorded) {
        Map<String, List<String>> byKeyspace = held.entrySet().stream().filter(entry -> recorded.isEmpty()
                        || !entry.getValue().equals(recorded.get()))
                .collect(Collectors.groupingBy(entry -> words(entry.getValue()), LinkedHashMap::new,
                        Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        return recorded.isEmpty() && byKeyspace.size() <= 1 ? Map.of() : byKeyspace;
    }

    private static String failure(List<String> below, Map<String, List<String>> differing,
            Optional<SnapshotMetadata.Keyspace> recorded, long revision) {
        List<String> parts = new ArrayList<>();
        if (!below.isEmpty()) {
            parts.add(String.join(", ", below) + " below the snapshot's revision " + revision);
        }
        if (!differing.isEmpty()) {
            parts.add("at revision " + revision + " " + differing + recorded.map(keyspace -> ", but the snapshot "
                    + "recorded " + words(keyspace)).orElse(" differ"));
        }
        return String.join("; ", parts);
    }

    private static String words(SnapshotMetadata.Keyspace keyspace, long revision) {
        return "hashKV " + keyspace.hashText() + " at revision " + revision + ", " + keyspace.liveKeys() + " keys";
    }

    private static String words(SnapshotMetadata.Keyspace keyspace) {
        return "hashKV " + keyspace.hashText() + ", " + keyspace.liveKeys() + " keys";
    }
}
