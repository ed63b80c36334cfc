package dev.revive.targets.generic;

import dev.revive.contracts.cluster.SystemKind;
import dev.revive.targets.kind.ClusterCheckSet;
import dev.revive.targets.kind.KindPlugin;
import dev.revive.targets.kind.NodeProbe;
import dev.revive.targets.kind.StatusReader;
import dev.revive.targets.kind.TargetSettings;

/**
 * Systems known only through the checks their spec declares (HTTP, TCP, four-letter words, commands): one
 * {@link NodeAsker} (every call bounded by the call timeout) behind the probe, the status reader and the checks.
 */
public final class GenericPlugin implements KindPlugin {

    private final NodeProbe probe;
    private final StatusReader status;
    private final ClusterCheckSet checks;

    public GenericPlugin(TargetSettings settings) {
        NodeAsker asker = new NodeAsker(settings.callTimeout());
        this.probe = new GenericProbe(asker);
        this.status = new GenericStatusReader(asker);
        this.checks = new GenericChecks(asker);
    }

    @Override
    public SystemKind kind() {
        return SystemKind.GENERIC;
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
    public void close() {
    }
}
