package dev.revive.targets.etcd.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Small helpers that turn readings into the text of check results. */
final class Evidence {

    /** Error texts from the client can be long; evidence keeps their start. */
    private static final int MAX_ERROR = 300;

    private Evidence() {
    }

    /** One entry per member, keyed by node id, in the given order. */
    static <T> Map<String, String> perMember(List<T> items, Function<T, String> nodeId, Function<T, String> value) {
        Map<String, String> evidence = new LinkedHashMap<>();
        items.forEach(item -> evidence.put(nodeId.apply(item), value.apply(item)));
        return evidence;
    }

    /** The status evidence of every member: its indexes, or why it did not answer. */
    static Map<String, String> statuses(List<MemberReading> readings) {
        return perMember(readings, MemberReading::nodeId, reading -> reading.answered()
                ? "raftIndex=" + reading.raftIndex() + " term=" + reading.raftTerm() + " revision=" + reading.revision()
                : "no answer: " + clip(reading.error()));
    }

    /** The node ids of the readings, comma separated. */
    static String nodeIds(List<MemberReading> readings) {
        return readings.stream().map(MemberReading::nodeId).collect(Collectors.joining(", "));
    }

    static String clip(String text) {
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR) + "…";
    }
}
