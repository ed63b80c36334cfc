package dev.revive.targets.connect;

import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.plan.Action;
import dev.revive.targets.kind.AbstractKindPlugin;
import dev.revive.targets.kind.TargetSettings;
import java.util.Map;

/**
 * Kafka Connect through the workers' REST API: one {@link ConnectRest} (every call bounded) behind the probe, the
 * status reader, the checks and RESTART_TASKS; the checks open an Admin client per round to the Kafka cluster the
 * workers write to (their peer endpoint).
 */
public final class ConnectPlugin extends AbstractKindPlugin {

    public ConnectPlugin(TargetSettings settings) {
        this(new ConnectRest(settings.callTimeout()), settings);
    }

    private ConnectPlugin(ConnectRest rest, TargetSettings settings) {
        super(SystemKind.KAFKA_CONNECT, new ConnectProbe(rest), new ConnectStatusReader(rest),
                new ConnectChecks(rest, settings.callTimeout()), Map.of(Action.RESTART_TASKS, new RestartTasksAction(rest)));
    }
}
