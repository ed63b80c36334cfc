package dev.revive.targets.etcd.check;

import dev.revive.contracts.cluster.VerificationTolerances;

/** Builds the context of one round from a fake cluster. */
final class Contexts {

    static final VerificationTolerances TOLERANCES = new VerificationTolerances(10, 0.005, 0.15);

    private Contexts() {
    }

    static CheckContext of(FakeCluster cluster) {
        return new CheckContext(cluster.readings(), TOLERANCES, cluster, 3);
    }
}
