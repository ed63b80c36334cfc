package dev.revive.targets.kafka;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.TargetException;
import dev.revive.targets.kind.CheckFinding;
import dev.revive.targets.kind.CheckRequest;
import dev.revive.targets.kind.ClusterCheckSet;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * The verification checks of a Kafka cluster, from one metadata read per round. HEALTH: every broker registered and
 * unfenced ({@value #BROKERS}); no offline or under-replicated partition, the ISR equal to the replicas everywhere
 * ({@value #PARTITIONS}); the metadata quorum has a leader ({@value #QUORUM}). DATA ({@link KafkaDataChecks}): no
 * high watermark below the plan's baseline, the canary written and read back exactly once, every consumer group
 * Stable or Empty.
 */
public final class KafkaChecks implements ClusterCheckSet {

    /** Every node's broker is registered and not fenced. */
    public static final String BROKERS = "brokers-unfenced";
    /** No partition offline or under-replicated: ISR equals replicas everywhere. */
    public static final String PARTITIONS = "partitions-in-sync";
    /** The KRaft metadata quorum has a leader (an active controller). */
    public static final String QUORUM = "quorum-leader";

    private final KafkaAdmins admins;
    private final KafkaMetadata metadata;
    private final KafkaDataChecks data;

    public KafkaChecks(KafkaAdmins admins, KafkaDataChecks data) {
        this.admins = admins;
        this.metadata = new KafkaMetadata(admins);
        this.data = data;
    }

    @Override
    public List<CheckFinding> round(CheckRequest request) {
        Admin admin = admins.forCluster(request.spec());
        KafkaState state = read(admin);
        List<CheckFinding> findings = new ArrayList<>(health(request.spec(), state));
        findings.addAll(data.run(request, admin, state));
        return findings;
    }

    @Override
    public List<CheckFinding> quickLook(CheckRequest request) {
        return health(request.spec(), read(admins.forCluster(request.spec())));
    }

    /** The state, or null when it cannot be read (every check then says so). */
    private KafkaState read(Admin admin) {
        try {
            return metadata.read(admin);
        } catch (TargetException e) {
            return null;
        }
    }

    private static List<CheckFinding> health(ClusterSpec spec, KafkaState state) {
        return List.of(
                health(state, BROKERS, "every broker registered and unfenced", () -> brokers(spec, state)),
                health(state, PARTITIONS, "no offline or under-replicated partition; ISR equals replicas",
                        () -> partitions(state)),
                health(state, QUORUM, "the metadata quorum has a leader", () -> quorum(spec, state)));
    }

    private static CheckFinding health(KafkaState state, String name, String expected,
            Supplier<CheckResult> check) {
        if (state == null) {
            return new CheckFinding(CheckFinding.Kind.HEALTH, new KafkaEvidence()
                    .result(name, CheckStatus.ERROR, "the cluster's metadata could not be read", expected));
        }
        return new CheckFinding(CheckFinding.Kind.HEALTH, check.get());
    }

    private static CheckResult brokers(ClusterSpec spec, KafkaState state) {
        KafkaEvidence evidence = new KafkaEvidence();
        List<String> missing = new ArrayList<>();
        for (NodeSpec node : spec.nodes()) {
            OptionalInt id = state.brokerId(node);
            String seen = id.isEmpty() ? "not registered" : "broker " + id.getAsInt()
                    + (state.brokers().get(id.getAsInt()).fenced() ? " fenced" : " unfenced");
            evidence.put(node.id(), seen);
            if (!state.unfenced(node)) {
                missing.add(node.id() + " " + seen);
            }
        }
        CheckStatus status = missing.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL;
        String observed = missing.isEmpty() ? "all " + spec.nodes().size() + " brokers unfenced"
                : String.join(", ", missing);
        return evidence.result(BROKERS, status, observed, "every broker registered and unfenced");
    }

    private static CheckResult partitions(KafkaState state) {
        KafkaEvidence evidence = new KafkaEvidence();
        int offline = 0;
        int under = 0;
        for (KafkaState.Partition partition : state.partitions()) {
            if (partition.offline() || partition.underReplicated()) {
                offline += partition.offline() ? 1 : 0;
                under += partition.underReplicated() ? 1 : 0;
                evidence.put(partition.name(), "replicas " + partition.replicas() + " isr "
                        + partition.isr() + " leader " + partition.leader());
            }
        }
        evidence.put("partitions", state.partitions().size());
        CheckStatus status = offline + under == 0 ? CheckStatus.PASS : CheckStatus.FAIL;
        String observed = state.partitions().size() + " partitions, " + offline + " offline, " + under
                + " under-replicated";
        return evidence.result(PARTITIONS, status, observed, "no offline or under-replicated partition");
    }

    private static CheckResult quorum(ClusterSpec spec, KafkaState state) {
        KafkaEvidence evidence = new KafkaEvidence().put("leader", state.leaderId());
        state.voterEnds().forEach((voter, end) -> evidence.put("voter " + state.nodeId(spec, voter) + " log end",
                end));
        CheckStatus status = state.leaderId() >= 0 ? CheckStatus.PASS : CheckStatus.FAIL;
        String observed = state.leaderId() >= 0 ? "active controller " + state.nodeId(spec, state.leaderId())
                : "no leader";
        return evidence.result(QUORUM, status, observed, "the metadata quorum has a leader");
    }
}
