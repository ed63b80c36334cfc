package dev.revive.detector.probe;

import dev.revive.detector.domain.Probe;
import dev.revive.detector.domain.ProbeResult;
import dev.revive.targets.TargetException;
import dev.revive.targets.etcd.EtcdAdapter;

/** Probes an etcd member by asking that one member for its status, bounded by the adapter's timeout. */
public final class EtcdProbe implements Probe {

    private final EtcdAdapter etcd;

    public EtcdProbe(EtcdAdapter etcd) {
        this.etcd = etcd;
    }

    @Override
    public ProbeResult probe(String endpoint) {
        try {
            etcd.status(endpoint);
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
