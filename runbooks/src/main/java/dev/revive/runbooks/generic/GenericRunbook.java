package dev.revive.runbooks.generic;

import dev.revive.contracts.cluster.SystemKind;
import dev.revive.runbooks.AbstractRunbook;
import dev.revive.runbooks.disruption.MajorityQuorum;
import dev.revive.runbooks.steps.RestartSteps;

/**
 * Systems without a deep plug-in, known only through the checks their spec declares. Their membership
 * rule is unknown, so the conservative one applies: a majority of the voting nodes stays up (which is
 * exactly ZooKeeper's rule). Revive cannot snapshot them, so a restart is {@link RestartSteps#WITHOUT_SNAPSHOT}.
 */
public final class GenericRunbook extends AbstractRunbook {

    public GenericRunbook() {
        super(SystemKind.GENERIC, new MajorityQuorum(), RestartSteps.WITHOUT_SNAPSHOT);
    }
}
