package dev.revive.targets.etcd;

import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.plan.Action;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.etcd.check.EtcdChecks;
import dev.revive.targets.kind.ClusterCheckSet;
import dev.revive.targets.kind.KindPlugin;
import dev.revive.targets.kind.NodeProbe;
import dev.revive.targets.kind.StatusReader;
import dev.revive.targets.kind.TargetSettings;
import java.util.Map;

/**
 * etcd through jetcd: one {@link EtcdAdapter} (every call bounded) behind the probe and the status reader;
 * the checks open their own adapter per round, so that every round starts with fresh connections.
 */
public final class EtcdPlugin implements KindPlugin {

    private final EtcdAdapter etcd;
    private final NodeProbe probe;
    private final StatusReader status;
    private final ClusterCheckSet checks;
    private final Map<Action, ActionHandler> actions;

    public EtcdPlugin(TargetSettings settings) {
        this.etcd = new EtcdAdapter(settings.callTimeout());
        this.probe = new EtcdProbe(etcd);
        this.status = new EtcdStatusReader(etcd);
        this.checks = new EtcdChecks(settings.callTimeout());
        this.actions = Map.of(Action.SNAPSHOT, new EtcdSnapshotAction(etcd));
    }

    @Override
    public SystemKind kind() {
        return SystemKind.ETCD;
    }

    @Override
    public NodeProbe probe() {
        return probe;
    }

    @Override
    public StatusReader status() {
        return status;
    }

    @Override
    public ClusterCheckSet checks() {
        return checks;
    }

    @Override
    public Map<Action, ActionHandler> actions() {
        return actions;
    }

    @Override
    public void close() {
        etcd.close();
    }
}
