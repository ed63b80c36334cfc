package dev.revive.targets.kind;

import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.plan.Action;
import dev.revive.targets.action.ActionHandler;
import java.util.Map;

/**
 * A kind plug-in built from its sides: it holds the probe, the status reader, the checks and the kind's own
 * action handlers it was made with and hands them out. A plug-in whose sides share a client overrides
 * {@link #close} to release it; by default there is nothing to release.
 */
public abstract class AbstractKindPlugin implements KindPlugin {

    private final SystemKind kind;
    private final NodeProbe probe;
    private final StatusReader status;
    private final ClusterCheckSet checks;
    private final Map<Action, ActionHandler> actions;

    /**
     * @param kind    the kind the plug-in is for
     * @param probe   the detector's probe of one node
     * @param status  the live-membership reader
     * @param checks  the verifier's checks
     * @param actions the kind's own action handlers (none: an empty map)
     */
    protected AbstractKindPlugin(SystemKind kind, NodeProbe probe, StatusReader status, ClusterCheckSet checks,
            Map<Action, ActionHandler> actions) {
        this.kind = kind;
        this.probe = probe;
        this.status = status;
        this.checks = checks;
        this.actions = Map.copyOf(actions);
    }

    @Override
    public final SystemKind kind() {
        return kind;
    }

    @Override
    public final NodeProbe probe() {
        return probe;
    }

    @Override
    public final StatusReader status() {
        return status;
    }

    @Override
    public final ClusterCheckSet checks() {
        return checks;
    }

    @Override
    public final Map<Action, ActionHandler> actions() {
        return actions;
    }

    @Override
    public void close() {
    }
}
