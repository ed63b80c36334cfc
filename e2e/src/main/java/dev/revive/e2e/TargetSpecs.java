package dev.revive.e2e;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.DetectionSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.RestartBudget;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.cluster.VerificationTolerances;
import dev.revive.contracts.json.Json;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.trust.DetachedSignature;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.SharedMachine;
import dev.revive.testkit.EtcdMember;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Describes a running {@link EtcdCluster} as the ClusterSpec an operator would write for it. */
public final class TargetSpecs {

    private static final YAMLMapper YAML = Json.configure(new YAMLMapper());
    /**
     * Defaults, but a budget that lets the scenarios and a demo user restart one member ten times an hour, and a
     * confirm window of 6 s for a member that hangs (SIGSTOP) so that a demo shows it within a minute.
     */
    private static final Policy DEMO_POLICY = new Policy(PlanMode.AUTO, 1, new RestartBudget(10, Duration.ofHours(1)),
            VerificationTolerances.defaults(), null, Duration.ofSeconds(6));
    /** etcd logs timeouts to peers as a matter of course while a member is down: {@link SharedMachine}. */
    private static final DetectionSpec DETECTION = SharedMachine.DETECTION;

    private TargetSpecs() {
    }

    /** The spec of {@code cluster}: one process-driven node per member, started by its own command. */
    public static ClusterSpec describe(String clusterId, EtcdCluster cluster, Path workDir) {
        List<NodeSpec> nodes = cluster.members().stream().map(member -> node(member, workDir)).toList();
        return new ClusterSpec(clusterId, SystemKind.ETCD, nodes, DEMO_POLICY,
                new BackupLocation(workDir.resolve("backups").toString()), List.of(), DETECTION);
    }

    /**
     * {@code spec} with the stack's demo policy instead of its own, so that every cluster of the stack can be
     * broken as often as the scenarios, the demo and the benchmark need; the spec's own verification tolerances are
     * kept (a collector's test spec compares throughput over a window of seconds, not the default minute).
     */
    public static ClusterSpec withDemoPolicy(ClusterSpec spec) {
        Policy demo = new Policy(DEMO_POLICY.mode(), DEMO_POLICY.maxConcurrentDisruptions(),
                DEMO_POLICY.restartBudget(), spec.policy().verification(), DEMO_POLICY.triage(),
                DEMO_POLICY.confirmWindow());
        return spec.withPolicy(demo);
    }

    /** {@code spec} with its policy's restart budget (the flap breaker) replaced by {@code budget}, all else kept. */
    public static ClusterSpec withRestartBudget(ClusterSpec spec, RestartBudget budget) {
        Policy policy = spec.policy();
        return spec.withPolicy(new Policy(policy.mode(), policy.maxConcurrentDisruptions(), budget,
                policy.verification(), policy.triage(), policy.confirmWindow()));
    }

    /**
     * Writes {@code spec} as {@code <dir>/<id>.yaml}, signed with {@code operatorKey} ({@code <id>.yaml.sig}, as
     * {@code scripts/revive-sign} writes it), and returns the spec file.
     */
    public static Path write(ClusterSpec spec, Path dir, PrivateKey operatorKey) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(spec.id() + ".yaml");
        YAML.writeValue(file.toFile(), spec);
        DetachedSignature.sign(file, operatorKey);
        return file;
    }

    private static NodeSpec node(EtcdMember member, Path workDir) {
        Path nodeDir = workDir.resolve("nodes").resolve(member.name());
        ProcessControl control = new ProcessControl(member.command(), member.dataDir().getParent().toString(), Map.of(),
                nodeDir.resolve(member.name() + ".pid").toString(), member.logFile().toString(), Duration.ofSeconds(5));
        return new NodeSpec(member.name(), NodeRole.MEMBER, new Endpoints(member.clientUrl(), member.peerUrl()), control,
                member.dataDir().toString(), List.of(member.logFile().toString()),
                List.of(nodeDir.resolve("tmp").toString()));
    }
}
