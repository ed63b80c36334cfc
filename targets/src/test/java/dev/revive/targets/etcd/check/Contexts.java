package dev.revive.targets.etcd.check;

import dev.revive.contracts.cluster.VerificationTolerances;
import java.util.function.Consumer;
import org.junit.jupiter.api.Named;

/** Builds the context of one round from a fake cluster, and names the changes parameterized tests make to one. */
final class Contexts {

    static final VerificationTolerances TOLERANCES = new VerificationTolerances(10, 0.005, 0.15);

    private Contexts() {
    }

    static CheckContext of(FakeCluster cluster) {
        return new CheckContext(cluster.readings(), TOLERANCES, cluster, 3);
    }

    static CheckContext of(FakeCluster cluster, PlanSnapshot snapshot) {
        return new CheckContext(cluster.readings(), TOLERANCES, cluster, 3, snapshot);
    }

    static CheckContext of(FakeCluster cluster, PlanSnapshot snapshot, PlanRestore restore) {
        return new CheckContext(cluster.readings(), TOLERANCES, cluster, 3, snapshot, restore);
    }

    /** A change to a healthy cluster, named for the test report. */
    static Named<Consumer<FakeCluster>> change(String name, Consumer<FakeCluster> change) {
        return Named.of(name, change);
    }
}
