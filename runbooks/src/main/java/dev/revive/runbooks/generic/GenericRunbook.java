package dev.revive.runbooks.generic;

import dev.revive.contracts.cluster.SystemKind;
import dev.revive.runbooks.Runbook;
import dev.revive.runbooks.disruption.DisruptionModel;
import dev.revive.runbooks.disruption.MajorityQuorum;

/**
 * Systems without a deep plug-in, known only through the checks their spec declares. Their membership
 * rule is unknown, so the conservative one applies: a majority of the voting nodes stays up (which is
 * exactly ZooKeeper's rule).
 */
public final class GenericRunbook implements Runbook {

    private final DisruptionModel disruption = new MajorityQuorum();

    @Override
    public SystemKind kind() {
        return SystemKind.GENERIC;
    }

    @Override
    public DisruptionModel disruption() {
        return disruption;
    }
}
