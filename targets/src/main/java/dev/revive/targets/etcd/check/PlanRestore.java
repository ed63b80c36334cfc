package dev.revive.targets.etcd.check;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.etcd.RestoredDataDir;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which members' data dirs the verified plan restored from a snapshot: the restore markers ({@link RestoredDataDir})
 * that name the plan, read from every spec node's data dir, and the members whose data dir carries none of its.
 *
 * @param planId    the verified plan, or null outside a plan
 * @param markers   node id → the marker naming the plan, in spec order
 * @param unmarked  the node ids whose data dir carries no marker of the plan, in spec order
 * @param backupDir the cluster's backup directory, where the markers' snapshot files are
 */
record PlanRestore(String planId, Map<String, RestoredDataDir.Marker> markers, List<String> unmarked,
        Path backupDir) {

    /** Outside a plan: nothing was restored. */
    static final PlanRestore NONE = new PlanRestore(null, Map.of(), List.of(), Path.of("."));

    PlanRestore {
        markers = Collections.unmodifiableMap(new LinkedHashMap<>(markers));
        unmarked = List.copyOf(unmarked);
    }

    /** Reads the marker of every node of {@code spec} that names plan {@code planId} (null outside a plan). */
    static PlanRestore find(ClusterSpec spec, String planId) {
        if (planId == null) {
            return NONE;
        }
        Map<String, RestoredDataDir.Marker> markers = new LinkedHashMap<>();
        List<String> unmarked = new ArrayList<>();
        for (NodeSpec node : spec.nodes()) {
            Optional<RestoredDataDir.Marker> marker = RestoredDataDir.marker(Path.of(node.dataDir()))
                    .filter(found -> found.planId().equals(planId));
            marker.ifPresentOrElse(found -> markers.put(node.id(), found), () -> unmarked.add(node.id()));
        }
        return new PlanRestore(planId, markers, unmarked, Path.of(spec.backup().directory(), spec.id()));
    }

    /** True when at least one member's data dir was restored by the plan. */
    boolean restored() {
        return !markers.isEmpty();
    }

    /** The snapshot file names the markers name, each with the node ids restored from it, in spec order. */
    Map<String, List<String>> bySnapshot() {
        Map<String, List<String>> snapshots = new LinkedHashMap<>();
        markers.forEach((node, marker) -> snapshots.computeIfAbsent(marker.snapshot(), name -> new ArrayList<>())
                .add(node));
        return snapshots;
    }

    /** Where the snapshot a marker names is. */
    Path file(RestoredDataDir.Marker marker) {
        return backupDir.resolve(marker.snapshot());
    }
}
