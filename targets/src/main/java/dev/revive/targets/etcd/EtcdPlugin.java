package dev.revive.targets.etcd;

import dev.revive.contracts.cluster.SystemKind;
import dev.revive.runbooks.UnsupportedKindException;
import dev.revive.runbooks.UnsupportedKindException.Side;
import dev.revive.targets.kind.ClusterCheckSet;
import dev.revive.targets.kind.KindPlugin;
import dev.revive.targets.kind.NodeProbe;
import dev.revive.targets.kind.StatusReader;
import dev.revive.targets.kind.TargetSettings;

/** etcd through jetcd: one {@link EtcdAdapter} (every call bounded) behind the probe and the status reader. */
public final class EtcdPlugin implements KindPlugin {

    private final EtcdAdapter etcd;
    private final NodeProbe probe;
    private final StatusReader status;

    public EtcdPlugin(TargetSettings settings) {
        this.etcd = new EtcdAdapter(settings.callTimeout());
        this.probe = new EtcdProbe(etcd);
        this.status = new EtcdStatusReader(etcd);
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
        throw new UnsupportedKindException(Side.CHECKS, "kind " + kind(), "the etcd checks are not on the seam yet");
    }

    @Override
    public void close() {
        etcd.close();
    }
}
