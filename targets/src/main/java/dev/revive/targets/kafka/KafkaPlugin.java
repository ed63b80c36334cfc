package dev.revive.targets.kafka;

import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.plan.Action;
import dev.revive.targets.kind.AbstractKindPlugin;
import dev.revive.targets.kind.TargetSettings;
import java.time.Clock;
import java.util.Map;

/**
 * Kafka brokers (KRaft) through the Admin client: one {@link KafkaAdmins} cache (every call bounded) behind the probe,
 * the status reader, the checks and the SNAPSHOT action, which records the baseline of high watermarks and committed
 * offsets the DATA checks compare against.
 */
public final class KafkaPlugin extends AbstractKindPlugin {

    private final KafkaAdmins admins;

    public KafkaPlugin(TargetSettings settings) {
        this(new KafkaAdmins(settings.callTimeout()), Clock.systemUTC());
    }

    private KafkaPlugin(KafkaAdmins admins, Clock clock) {
        super(SystemKind.KAFKA, new KafkaProbe(admins), new KafkaStatusReader(admins),
                new KafkaChecks(admins, new KafkaDataChecks(admins, clock::millis)),
                Map.of(Action.SNAPSHOT, new KafkaBaselineAction(admins, clock)));
        this.admins = admins;
    }

    @Override
    public void close() {
        admins.close();
    }
}
