package dev.revive.e2e;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.TriageResponse;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.runbooks.Runbooks;
import dev.revive.runbooks.decision.NodeRecovery;
import dev.revive.runbooks.steps.StepSettings;
import dev.revive.runbooks.triage.TriageTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The fault storm as data, the same for every run of a seed: {@value #FAULTS} distinct fault events over the 50
 * {@link StormClusters} (every node, every fault kind, three severities, ten sources) interleaved at random, plus
 * {@value #DUPLICATES} exact re-sends of earlier ones (same event id). Chosen so that triage never lets Revive act
 * where it must not: on a real cluster only the killed member's PROCESS_DOWN asks for a restart, every other fault
 * there is a WARNING or INFO (a notice); a paper cluster gets notices, cluster-wide CRITICAL faults (escalated for a
 * cluster that may be down; a rolling restart that needs approval for running members) and, on some, a CRITICAL fault whose triage asks for approval (every later fault of
 * that cluster waits behind it). The last record is a notice on a paper cluster that never waits: once its plan is
 * out, the planner has taken in the whole storm.
 */
public final class StormFaults {

    /** Distinct fault events in the storm (the four PROCESS_DOWN of the undetected real clusters included). */
    public static final int FAULTS = 10_000;
    /** Re-sends of earlier fault events of the storm, each with its original's event id. */
    public static final int DUPLICATES = 1_000;
    /** Notices per real cluster. */
    static final int PER_REAL_CLUSTER = 60;
    /** How many records after its original a duplicate is sent, at most. */
    private static final int DUPLICATE_SPREAD = 1_500;
    private static final List<String> SOURCES = List.of("alertmanager", "node-exporter", "datadog", "nagios",
            "zabbix", "cloud-health", "log-shipper", "pagerduty", "sre-oncall", "synthetic-check");
    private static final List<FaultKind> KINDS = Arrays.stream(FaultKind.values())
            .filter(kind -> kind != FaultKind.RECOVERED).toList();

    /**
     * One record of the storm, in publishing order.
     *
     * @param fault      the fault event sent
     * @param duplicate  true for a re-send of an earlier record
     * @param killBefore the real cluster whose victim is killed right before this record is sent, if any
     */
    public record Step(FaultEvent fault, boolean duplicate, Optional<StormClusters.Real> killBefore) {
    }

    private final List<Step> steps;

    private StormFaults(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /** The storm over {@code clusters}, its faults observed from {@code start} on. */
    public static StormFaults generate(StormClusters clusters, Instant start, long seed) {
        Random random = new Random(seed);
        Map<String, List<FaultEvent>> perCluster = new LinkedHashMap<>();
        List<StormClusters.Real> undetected = clusters.real().stream().filter(real -> !real.detected()).toList();
        int paperFaults = FAULTS - undetected.size() - StormClusters.REAL * PER_REAL_CLUSTER;
        for (StormClusters.Real real : clusters.real()) {
            perCluster.put(real.spec().id(), realNotices(real, random));
        }
        List<ClusterSpec> paper = clusters.paper();
        for (int p = 0; p < paper.size(); p++) {
            int count = paperFaults / paper.size() + (p < paperFaults % paper.size() ? 1 : 0);
            perCluster.put(paper.get(p).id(), paperFaults(paper.get(p), p + 1, count, random));
        }
        ClusterSpec last = paper.get(1);
        FaultEvent sentinel = perCluster.get(last.id()).remove(perCluster.get(last.id()).size() - 1);
        List<FaultEvent> order = interleave(perCluster, random);
        Map<Integer, StormClusters.Real> kills = new LinkedHashMap<>();
        for (int i = 0; i < undetected.size(); i++) {
            int position = (i + 1) * order.size() / (undetected.size() + 1);
            StormClusters.Real real = undetected.get(i);
            order.add(position, processDown(real));
            kills.put(position, real);
        }
        order.add(sentinel);
        clusters.real().stream().filter(StormClusters.Real::detected).findFirst().ifPresent(real -> kills.put(0, real));
        List<FaultEvent> observed = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            FaultEvent f = order.get(i);
            observed.add(new FaultEvent(f.faultId(), f.clusterId(), f.nodeId(), f.kind(), f.severity(),
                    start.plusNanos(i * 1_000L), f.source(), f.evidence(), f.dedupKey()));
        }
        return new StormFaults(withDuplicates(observed, kills, undetected.size(), random));
    }

    /** Every record, in publishing order. */
    public List<Step> steps() {
        return steps;
    }

    /** The distinct faults, in publishing order. */
    public List<FaultEvent> distinct() {
        return steps.stream().filter(step -> !step.duplicate()).map(Step::fault).toList();
    }

    /** The re-sent faults, in publishing order. */
    public List<FaultEvent> duplicates() {
        return steps.stream().filter(Step::duplicate).map(Step::fault).toList();
    }

    /** The last record: a notice whose plan shows the planner has taken in everything before it. */
    public FaultEvent sentinel() {
        return steps.get(steps.size() - 1).fault();
    }

    /** True for a victim's PROCESS_DOWN (CRITICAL); a WARNING or INFO PROCESS_DOWN of the storm is a notice. */
    public static boolean isVictimDown(FaultEvent fault) {
        return fault.kind() == FaultKind.PROCESS_DOWN && fault.severity() == Severity.CRITICAL;
    }

    /** The PROCESS_DOWN the storm sends for a real cluster the detector does not watch. */
    static FaultEvent processDown(StormClusters.Real real) {
        String cluster = real.spec().id();
        return fault(cluster + "-down", cluster, real.victim().name(), FaultKind.PROCESS_DOWN, Severity.CRITICAL,
                "external-monitor", cluster + "/" + real.victim().name() + "/down");
    }

    private static List<FaultEvent> realNotices(StormClusters.Real real, Random random) {
        List<String> nodes = real.healthy().stream().map(member -> member.name()).toList();
        List<FaultEvent> faults = new ArrayList<>();
        for (int k = 0; k < PER_REAL_CLUSTER; k++) {
            String node = random.nextInt(20) == 0 ? null : nodes.get(random.nextInt(nodes.size()));
            faults.add(notice(real.spec().id(), node, k, random));
        }
        return faults;
    }

    /**
     * The faults of paper cluster number {@code p}: notices; every fifth cluster a cluster-wide CRITICAL fault half
     * way (never one that would act on the cluster by itself); every third cluster a fault that needs approval as its last; every ninth (from the first) one three
     * quarters of the way, which the rest of that cluster's faults wait behind.
     */
    private static List<FaultEvent> paperFaults(ClusterSpec spec, int p, int count, Random random) {
        List<String> nodes = spec.nodes().stream().map(NodeSpec::id).toList();
        List<FaultKind> needApproval = KINDS.stream().filter(kind -> needsApproval(spec, kind)).toList();
        List<FaultEvent> faults = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            String node = nodes.get(random.nextInt(nodes.size()));
            if ((p % 3 == 0 && k == count - 1) || (p % 9 == 1 && k == count * 3 / 4)) {
                FaultKind kind = needApproval.get(random.nextInt(needApproval.size()));
                faults.add(fault(id(spec.id(), k), spec.id(), node, kind, Severity.CRITICAL, source(random),
                        dedupKey(spec.id(), node, kind, k)));
            } else if (p % 5 == 4 && k == count / 2) {
                List<FaultKind> wide = KINDS.stream().filter(kind -> !actsByItself(spec, kind)).toList();
                FaultKind kind = wide.get(random.nextInt(wide.size()));
                faults.add(fault(id(spec.id(), k), spec.id(), null, kind, Severity.CRITICAL, source(random),
                        dedupKey(spec.id(), null, kind, k)));
            } else {
                faults.add(notice(spec.id(), random.nextInt(20) == 0 ? null : node, k, random));
            }
        }
        return faults;
    }

    /**
     * True when a cluster-wide CRITICAL {@code kind} would be a plan that runs by itself (a paper cluster must never be
     * acted on): a rolling restart for a fault of running members, or the kind's full restart for every member down,
     * that triage restarts without asking.
     */
    private static boolean actsByItself(ClusterSpec spec, FaultKind kind) {
        boolean planned = NodeRecovery.ROLLED_FAULTS.contains(kind) || NodeRecovery.DOWN_FAULTS.contains(kind)
                && Runbooks.standard().forKind(spec.kind()).fullRestart(spec, StepSettings.defaults()).isPresent();
        return planned && TriageTable.respond(spec, kind, Severity.CRITICAL) == TriageResponse.RESTART;
    }

    /** True when triage asks a human for a CRITICAL {@code kind} of a node (no sustained evidence in the storm). */
    private static boolean needsApproval(ClusterSpec spec, FaultKind kind) {
        TriageResponse response = TriageTable.respond(spec, kind, Severity.CRITICAL);
        return response == TriageResponse.APPROVAL || response == TriageResponse.RESTART_IF_SUSTAINED;
    }

    private static FaultEvent notice(String clusterId, String node, int k, Random random) {
        FaultKind kind = KINDS.get(random.nextInt(KINDS.size()));
        Severity severity = random.nextBoolean() ? Severity.WARNING : Severity.INFO;
        return fault(id(clusterId, k), clusterId, node, kind, severity, source(random),
                dedupKey(clusterId, node, kind, k));
    }

    private static FaultEvent fault(String id, String clusterId, String node, FaultKind kind, Severity severity,
            String source, String dedupKey) {
        return new FaultEvent(id, clusterId, node, kind, severity, Instant.EPOCH, source,
                Map.of("storm", "true", "seen", kind.name().toLowerCase(java.util.Locale.ROOT)), dedupKey);
    }

    private static String id(String clusterId, int k) {
        return clusterId + "-f" + k;
    }

    private static String dedupKey(String clusterId, String node, FaultKind kind, int k) {
        return clusterId + "/" + (node == null ? "*" : node) + "/" + kind + "/" + k;
    }

    private static String source(Random random) {
        return SOURCES.get(random.nextInt(SOURCES.size()));
    }

    /** The clusters' faults in one random order that keeps each cluster's own order. */
    private static List<FaultEvent> interleave(Map<String, List<FaultEvent>> perCluster, Random random) {
        List<String> turns = new ArrayList<>();
        perCluster.forEach((cluster, faults) -> faults.forEach(fault -> turns.add(cluster)));
        Collections.shuffle(turns, random);
        Map<String, Integer> next = new LinkedHashMap<>();
        List<FaultEvent> order = new ArrayList<>();
        for (String cluster : turns) {
            int index = next.merge(cluster, 1, Integer::sum) - 1;
            order.add(perCluster.get(cluster).get(index));
        }
        return order;
    }

    /**
     * The steps: every distinct fault, each PROCESS_DOWN right after its victim's kill, and {@value #DUPLICATES}
     * re-sends after their originals (the PROCESS_DOWNs among them, never the sentinel), all before the sentinel.
     */
    private static List<Step> withDuplicates(List<FaultEvent> order, Map<Integer, StormClusters.Real> kills,
            int processDowns, Random random) {
        int last = order.size() - 1;
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < last; i++) {
            if (!kills.containsKey(i) || i == 0) {
                candidates.add(i);
            }
        }
        Collections.shuffle(candidates, random);
        List<Integer> originals = new ArrayList<>(kills.keySet().stream()
                .filter(position -> isVictimDown(order.get(position))).toList());
        originals.addAll(candidates.subList(0, DUPLICATES - processDowns));
        Map<Integer, List<FaultEvent>> resends = new LinkedHashMap<>();
        for (int original : originals) {
            int at = Math.min(last - 1, original + 1 + random.nextInt(DUPLICATE_SPREAD));
            resends.computeIfAbsent(Math.max(at, original), position -> new ArrayList<>()).add(order.get(original));
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            steps.add(new Step(order.get(i), false, Optional.ofNullable(kills.get(i))));
            resends.getOrDefault(i, List.of()).forEach(fault -> steps.add(new Step(fault, true, Optional.empty())));
        }
        if (Set.copyOf(steps.stream().filter(step -> !step.duplicate()).map(step -> step.fault().faultId()).toList())
                .size() != FAULTS) {
            throw new IllegalStateException("the storm must have " + FAULTS + " distinct fault ids");
        }
        return steps;
    }
}
