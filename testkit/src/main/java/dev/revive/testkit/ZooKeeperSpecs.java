package dev.revive.testkit;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.CheckSpec;
import dev.revive.contracts.cluster.CheckSpec.Aggregate;
import dev.revive.contracts.cluster.CheckSpec.Type;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.DetectionSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.SystemKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Describes a {@link ZooKeeperEnsemble} as a cluster spec of kind {@code generic}: each server a node run by the
 * process driver (its exact start command, log file and data dir), and the ZooKeeper checks declared over
 * four-letter words.
 */
public final class ZooKeeperSpecs {

    /** Every server answers {@code ruok} with {@code imok}; the detector's probe. */
    public static final String RUOK = "ruok";
    /** Every server serves as leader or follower. */
    public static final String SERVING = "serving";
    /** Exactly one server leads. */
    public static final String ONE_LEADER = "one-leader";
    /**
     * The leader reports every follower synced with it ({@code zk_synced_followers} = n - 1): ZooKeeper's own word
     * that the followers' zxid caught up. A raw comparison of {@code srvr} zxids is wrong on a quiet ensemble: after
     * an election the leader's zxid jumps to the new epoch while the followers keep their last transaction's zxid
     * until the next write.
     */
    public static final String FOLLOWERS_SYNCED = "followers-synced";
    /** Every server holds as many znodes as the one with the most: the data is whole everywhere. */
    public static final String ZNODES_CAUGHT_UP = "znodes-caught-up";

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /** ZooKeeper logs "Notification time out" many times a minute during every election: {@link SharedMachine}. */
    private static final DetectionSpec DETECTION = SharedMachine.DETECTION;

    private ZooKeeperSpecs() {
    }

    /** The checks of a ZooKeeper ensemble of {@code size} servers: ruok (probe), serving, one leader, synced, znodes. */
    public static List<CheckSpec> checks(int size) {
        return List.of(
            fourLetter(RUOK, "ruok", null, "imok", Aggregate.EVERY_NODE, true),
            fourLetter(SERVING, "mntr", "zk_server_state", "leader|follower", Aggregate.EVERY_NODE, false),
            fourLetter(ONE_LEADER, "mntr", "zk_server_state", "leader", Aggregate.EXACTLY_ONE, false),
            fourLetter(FOLLOWERS_SYNCED, "mntr", "zk_synced_followers", (size - 1) + "(\\.0+)?", Aggregate.EXACTLY_ONE,
                false),
            fourLetter(ZNODES_CAUGHT_UP, "mntr", "zk_znode_count", null, Aggregate.CAUGHT_UP, false));
    }

    /**
     * The spec of {@code ensemble}: node {@code z<myid>} per server, pid files and backups below {@code workDir}.
     */
    public static ClusterSpec describe(String clusterId, ZooKeeperEnsemble ensemble, Path workDir) {
        List<NodeSpec> nodes = ensemble.nodes().stream().map(node -> node(node, workDir)).toList();
        return new ClusterSpec(clusterId, SystemKind.GENERIC, nodes, Policy.defaults(),
            new BackupLocation(workDir.resolve("backups").toString()), checks(nodes.size()), DETECTION);
    }

    /** The node spec of one server. */
    public static NodeSpec node(ZooKeeperNode node, Path workDir) {
        ProcessControl control = new ProcessControl(node.command(), null, Map.of(),
            workDir.resolve(node.name() + ".pid").toString(), node.logFile().toString(), STOP_TIMEOUT);
        return new NodeSpec(node.name(), NodeRole.MEMBER, new Endpoints(node.clientUrl(), null), control,
            node.dataDir().toString(), List.of(node.logFile().toString()), List.of());
    }

    private static CheckSpec fourLetter(String name, String word, String field, String expect, Aggregate aggregate,
                                        boolean probe) {
        return new CheckSpec(name, Type.FOUR_LETTER, null, null, null, word, field, expect, null, null, aggregate,
            aggregate == Aggregate.CAUGHT_UP ? 0L : null, probe);
    }
}
