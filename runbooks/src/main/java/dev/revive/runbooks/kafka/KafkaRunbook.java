package dev.revive.runbooks.kafka;

import dev.revive.contracts.cluster.SystemKind;
import dev.revive.runbooks.AbstractRunbook;
import dev.revive.runbooks.disruption.InSyncReplicas;
import dev.revive.runbooks.steps.RestartSteps;
import java.time.Duration;

/**
 * Kafka brokers (KRaft): a broker may go down only while no partition is under-replicated for another reason and
 * no partition it is in sync for would fall below its {@code min.insync.replicas} (Strimzi's KafkaRoller rules,
 * {@link InSyncReplicas}). A node restart records the baseline first ({@link RestartSteps#WITH_SNAPSHOT}: the
 * SNAPSHOT step writes every partition's high watermark and every group's committed offsets, against which the
 * verifier checks that nothing moved backwards), then stops (controlled shutdown), kills if needed, starts and waits
 * until the broker is unfenced and caught up.
 */
public final class KafkaRunbook extends AbstractRunbook {

    /**
     * How long a Kafka JVM (a broker, a Connect worker) may take from its start to its first answer: loading, log
     * recovery, joining the quorum or the group. 15 s on an idle machine here, much more on a loaded one.
     */
    public static final Duration JVM_STARTUP = Duration.ofSeconds(90);

    public KafkaRunbook() {
        super(SystemKind.KAFKA, new InSyncReplicas(), RestartSteps.WITH_SNAPSHOT, JVM_STARTUP);
    }
}
