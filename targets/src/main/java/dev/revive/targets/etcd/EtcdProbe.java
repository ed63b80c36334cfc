package dev.revive.targets.etcd;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.kind.NodeProbe;
import dev.revive.targets.kind.ProbeResult;

/** Probes an etcd member by asking that one member for its status, bounded by the adapter's timeout. */
public final class EtcdProbe implements NodeProbe {

    private final EtcdAdapter etcd;

    public EtcdProbe(EtcdAdapter etcd) {
        this.etcd = etcd;
    }

    @Override
    public ProbeResult probe(ClusterSpec spec, NodeSpec node) {
        try {
            etcd.status(node.endpoints().client(), spec.security());
            return ProbeResult.answered();
        } catch (TargetException e) {
            return classify(e);
        } catch (RuntimeException e) {
            return ProbeResult.failed(e.toString());
        }
    }

    /** REFUSED means the process is down, TIMEOUT that it does not answer, anything else an error answer. */
    static ProbeResult classify(TargetException failure) {
        return switch (failure.kind()) {
            case REFUSED -> ProbeResult.refused(failure.getMessage());
            case TIMEOUT -> ProbeResult.timedOut(failure.getMessage());
            case FAILED, LOCAL -> ProbeResult.failed(failure.getMessage());
        };
    }
}
