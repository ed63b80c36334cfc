package dev.revive.targets.connect;

import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.plan.Action;
import dev.revive.targets.kind.AbstractKindPlugin;
import dev.revive.targets.kind.NodeMeasures;
import dev.revive.targets.kind.TargetSettings;
import java.time.InstantSource;
import java.util.Map;

/**
 * Kafka Connect through the workers' REST API: one {@link ConnectRest} (every call bounded) behind the probe, the
 * status reader, the checks and RESTART_TASKS; the checks open an Admin client per round to the Kafka cluster the
 * workers write to (their peer endpoint). The plug-in keeps Admin clients open ({@link KafkaClients}) for what it
 * reads every second or so: the workers' collection success rate ({@link #measures()}) and the sink groups' lag
 * the probe reports ({@link SinkLag}); {@link #close} releases them.
 */
public final class ConnectPlugin extends AbstractKindPlugin {

    private final KafkaClients kafka;
    private final SinkLag lag;
    private final CollectionRate rate;

    public ConnectPlugin(TargetSettings settings) {
        this(new ConnectRest(settings.callTimeout()), new KafkaClients(settings.callTimeout()), settings);
    }

    private ConnectPlugin(ConnectRest rest, KafkaClients kafka, TargetSettings settings) {
        this(rest, kafka, new SinkLag(rest, kafka, InstantSource.system()), settings);
    }

    private ConnectPlugin(ConnectRest rest, KafkaClients kafka, SinkLag lag, TargetSettings settings) {
        super(SystemKind.KAFKA_CONNECT, new ConnectProbe(rest, lag), new ConnectStatusReader(rest),
                new ConnectChecks(rest, settings.callTimeout()), Map.of(Action.RESTART_TASKS, new RestartTasksAction(rest)));
        this.kafka = kafka;
        this.lag = lag;
        this.rate = new CollectionRate(rest, kafka);
    }

    /** A worker's collection success rate ({@link CollectionRate}). */
    @Override
    public NodeMeasures measures() {
        return rate;
    }

    @Override
    public void close() {
        lag.close();
        kafka.close();
    }
}
