package dev.revive.targets.etcd.check;

import dev.revive.targets.etcd.EtcdKey;
import dev.revive.targets.etcd.KeyRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares what several members hold for the same keys: each key must be held by all, at one mod revision and value.
 */
final class KeyComparison {

    /** How many differing keys a result names. */
    static final int SHOWN = 5;

    private KeyComparison() {
    }

    /** Every member's keys in the ranges, keyed by node id, or why a member gave none. */
    static Read<Map<String, List<KeyRange.Entry>>> readAll(MemberReader reader, List<MemberReading> members,
            List<KeyRange> ranges) {
        Map<String, List<KeyRange.Entry>> held = new LinkedHashMap<>();
        for (MemberReading member : members) {
            List<KeyRange.Entry> entries = new ArrayList<>();
            for (KeyRange range : ranges) {
                Read<KeyRange.Page> page = reader.range(member.member(), range);
                if (!page.ok()) {
                    return Read.failed(member.nodeId() + " gave no keys: " + Evidence.clip(page.error()));
                }
                entries.addAll(page.value().entries());
            }
            held.put(member.nodeId(), entries);
        }
        return Read.of(held);
    }

    /** The keys, in key order, that some member lacks or holds at another mod revision or with another value. */
    static List<EtcdKey> differing(List<List<KeyRange.Entry>> perMember) {
        Map<EtcdKey, Set<KeyRange.Entry>> versions = new HashMap<>();
        Map<EtcdKey, Integer> holders = new HashMap<>();
        for (List<KeyRange.Entry> entries : perMember) {
            for (KeyRange.Entry entry : entries) {
                versions.computeIfAbsent(entry.key(), key -> new HashSet<>()).add(entry);
                holders.merge(entry.key(), 1, Integer::sum);
            }
        }
        return versions.keySet().stream()
                .filter(key -> versions.get(key).size() > 1 || holders.get(key) < perMember.size())
                .collect(Collectors.toCollection(TreeSet::new)).stream().toList();
    }

    /** The first {@link #SHOWN} keys of a list, for a result's text. */
    static String first(List<EtcdKey> keys) {
        return keys.stream().limit(SHOWN).map(EtcdKey::toString).collect(Collectors.joining(", "))
                + (keys.size() > SHOWN ? ", …" : "");
    }

    /** How a member holds a key, for evidence: its mod revision, or that it lacks it. */
    static String holding(List<KeyRange.Entry> entries, EtcdKey key) {
        return entries.stream().filter(entry -> entry.key().equals(key)).findFirst()
                .map(entry -> "mod revision " + entry.modRevision() + (entry.valueSha256() == null ? ""
                        : ", value sha256 " + abbreviated(entry.valueSha256())))
                .orElse("missing");
    }

    private static String abbreviated(String sha256) {
        return sha256.length() <= 12 ? sha256 : sha256.substring(0, 12);
    }
}
