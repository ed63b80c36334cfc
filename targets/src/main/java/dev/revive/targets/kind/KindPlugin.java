package dev.revive.targets.kind;

import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.plan.Action;
import dev.revive.runbooks.UnsupportedKindException;
import dev.revive.targets.action.ActionHandler;
import java.util.Map;

/**
 * The I/O side of one system kind: its probe, its live-membership reader, its verification checks and its own
 * action handlers, each behind one interface. One implementation per kind, listed once in {@link TargetKinds#standard}.
 * A side the kind does not have throws {@link UnsupportedKindException}.
 */
public interface KindPlugin extends AutoCloseable {

    /** The kind this plug-in is for. */
    SystemKind kind();

    /** The detector's probe of one node. */
    NodeProbe probe();

    /** The live-membership reader the disruption guard and the await steps use. */
    StatusReader status();

    /** The verifier's checks. */
    ClusterCheckSet checks();

    /**
     * The kind's own action handlers (etcd: SNAPSHOT); they take precedence over the kind-independent ones
     * of {@link dev.revive.targets.action.ActionHandlers}. Default: none.
     */
    default Map<Action, ActionHandler> actions() {
        return Map.of();
    }

    /** What the kind measures of a node for the detector's thresholds (e.g. its success rate). Default: nothing. */
    default NodeMeasures measures() {
        return NodeMeasures.NONE;
    }

    /** Releases the plug-in's clients. */
    @Override
    void close();
}
