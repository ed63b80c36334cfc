package dev.revive.targets.generic;

import dev.revive.contracts.cluster.SystemKind;
import dev.revive.runbooks.UnsupportedKindException;
import dev.revive.runbooks.UnsupportedKindException.Side;
import dev.revive.targets.kind.ClusterCheckSet;
import dev.revive.targets.kind.KindPlugin;
import dev.revive.targets.kind.NodeProbe;
import dev.revive.targets.kind.StatusReader;
import dev.revive.targets.kind.TargetSettings;

/** Systems known only through the checks their spec declares (HTTP, TCP, four-letter words, commands). */
public final class GenericPlugin implements KindPlugin {

    private final TargetSettings settings;

    public GenericPlugin(TargetSettings settings) {
        this.settings = settings;
    }

    @Override
    public SystemKind kind() {
        return SystemKind.GENERIC;
    }

    @Override
    public NodeProbe probe() {
        throw new UnsupportedKindException(Side.PROBE, "kind " + kind(), "not built yet");
    }

    @Override
    public StatusReader status() {
        throw new UnsupportedKindException(Side.STATUS, "kind " + kind(), "not built yet");
    }

    @Override
    public ClusterCheckSet checks() {
        throw new UnsupportedKindException(Side.CHECKS, "kind " + kind(), "not built yet");
    }

    @Override
    public void close() {
    }
}
