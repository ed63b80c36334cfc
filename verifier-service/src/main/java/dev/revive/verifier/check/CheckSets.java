package dev.revive.verifier.check;

import dev.revive.contracts.cluster.SystemKind;
import dev.revive.targets.kind.ClusterCheckSet;

/** Where the verifier finds the checks of a kind: the targets' kind registry in production, fakes in tests. */
@FunctionalInterface
public interface CheckSets {

    /**
     * The checks of {@code kind}.
     *
     * @throws dev.revive.runbooks.UnsupportedKindException when the kind has none
     */
    ClusterCheckSet forKind(SystemKind kind);
}
