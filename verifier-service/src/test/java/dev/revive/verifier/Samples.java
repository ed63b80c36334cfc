package dev.revive.verifier;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.plan.StepParams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Contract records for tests: a cluster spec, a node-restart plan and its outcome. */
public final class Samples {

    public static final Instant DETECTED = Instant.parse("2025-03-14T09:26:53.120Z");
    public static final Instant PLANNED = Instant.parse("2025-03-14T09:26:53.412Z");
    public static final Instant STARTED = Instant.parse("2025-03-14T09:26:53.655Z");
    public static final Instant FINISHED = Instant.parse("2025-03-14T09:27:31.904Z");

    private Samples() {
    }

    /**
     * An etcd spec whose node {@code m<i>} answers at {@code clientUrls.get(i)}; each node's process
     * is started by {@code commands.get(i)} with its data dir {@code dataDirs.get(i)}.
     */
    public static ClusterSpec etcd(String clusterId, List<String> clientUrls, List<List<String>> commands,
            List<String> dataDirs) {
        List<NodeSpec> nodes = new ArrayList<>();
        for (int i = 0; i < clientUrls.size(); i++) {
            String dataDir = dataDirs.get(i);
            ProcessControl control = new ProcessControl(commands.get(i), null, Map.of(), dataDir + ".pid",
                    dataDir + ".log", Duration.ofSeconds(5));
            nodes.add(new NodeSpec("m" + i, NodeRole.MEMBER, new Endpoints(clientUrls.get(i), null), control, dataDir,
                    List.of(), List.of()));
        }
        return new ClusterSpec(clusterId, SystemKind.ETCD, nodes, Policy.defaults(),
                new BackupLocation("/tmp/revive-backups"));
    }

    /** An etcd spec of {@code size} nodes on made-up endpoints. */
    public static ClusterSpec etcd(String clusterId, int size) {
        List<String> urls = new ArrayList<>();
        List<List<String>> commands = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            urls.add("http://127.0.0.1:" + (2379 + 10 * i));
            commands.add(List.of("/usr/bin/etcd", "--name", "m" + i));
            dirs.add("/var/lib/etcd/m" + i);
        }
        return etcd(clusterId, urls, commands, dirs);
    }

    /** A node-restart plan of {@code m1}, detected at {@link #DETECTED} and made at {@link #PLANNED}. */
    public static RecoveryPlan plan(String clusterId, String incidentId) {
        PlanStep start = new PlanStep("05-start", Action.START, "m1", StepParams.within(Duration.ofSeconds(30)),
                OnFailure.ABORT);
        return new RecoveryPlan(incidentId + "-r1", incidentId, clusterId, 1, PlanScope.NODE, PlanMode.AUTO, null,
                List.of("flt-1"), List.of(start), DETECTED, PLANNED);
    }

    /** The outcome of {@code plan}, started at {@link #STARTED} and ended at {@link #FINISHED}. */
    public static PlanOutcome outcome(RecoveryPlan plan, Outcome outcome, String detail) {
        return new PlanOutcome("exe-" + plan.planId() + "-" + outcome.name().toLowerCase(), plan.planId(),
                plan.incidentId(), plan.clusterId(), outcome, "executor-0", 7, detail, STARTED, FINISHED);
    }
}
