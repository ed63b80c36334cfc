package dev.revive.targets.kind;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.runbooks.UnsupportedKindException;
import dev.revive.runbooks.UnsupportedKindException.Side;
import dev.revive.runbooks.disruption.MemberView;
import dev.revive.targets.connect.ConnectPlugin;
import dev.revive.targets.etcd.EtcdPlugin;
import dev.revive.targets.generic.GenericPlugin;
import dev.revive.targets.kafka.KafkaPlugin;
import dev.revive.targets.redis.RedisPlugin;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The registry of kind plug-ins: the one place that lists the kinds Revive can talk to. */
public final class TargetKinds implements AutoCloseable {

    private final Map<SystemKind, KindPlugin> byKind = new EnumMap<>(SystemKind.class);

    public TargetKinds(List<KindPlugin> plugins) {
        for (KindPlugin plugin : plugins) {
            if (byKind.putIfAbsent(plugin.kind(), plugin) != null) {
                throw new IllegalArgumentException("two plug-ins for kind " + plugin.kind());
            }
        }
    }

    /** Every plug-in Revive ships: one line per kind. */
    public static TargetKinds standard(TargetSettings settings) {
        return new TargetKinds(List.of(
                new EtcdPlugin(settings),
                new ConnectPlugin(settings),
                new GenericPlugin(settings),
                new KafkaPlugin(settings),
                new RedisPlugin(settings)));
    }

    /**
     * The node that leads {@code spec}'s cluster now (raft leader, active controller, primary), as its kind's status
     * reader reports it; empty when no single member says so. Throws like the kind's lookup for a kind without one.
     */
    public Optional<String> leaderOf(ClusterSpec spec) {
        return status(spec.kind()).read(spec).leader().map(MemberView::nodeId);
    }

    /** The plug-in of {@code kind}; throws {@link UnsupportedKindException} for {@code side} when there is none. */
    public KindPlugin forKind(SystemKind kind, Side side) {
        KindPlugin plugin = byKind.get(kind);
        if (plugin == null) {
            throw UnsupportedKindException.of(side, kind);
        }
        return plugin;
    }

    public NodeProbe probe(SystemKind kind) {
        return side(kind, Side.PROBE, KindPlugin::probe);
    }

    public StatusReader status(SystemKind kind) {
        return side(kind, Side.STATUS, KindPlugin::status);
    }

    public ClusterCheckSet checks(SystemKind kind) {
        return side(kind, Side.CHECKS, KindPlugin::checks);
    }

    /** What the kind measures of a node; nothing for a kind without a plug-in. */
    public NodeMeasures measures(SystemKind kind) {
        KindPlugin plugin = byKind.get(kind);
        return plugin == null ? NodeMeasures.NONE : plugin.measures();
    }

    /** The kinds with a plug-in. */
    public Set<SystemKind> kinds() {
        return Set.copyOf(byKind.keySet());
    }

    @Override
    public void close() {
        byKind.values().forEach(KindPlugin::close);
    }

    private <T> T side(SystemKind kind, Side side, Function<KindPlugin, T> getter) {
        return getter.apply(forKind(kind, side));
    }
}
