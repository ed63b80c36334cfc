package dev.revive.e2e;

import dev.revive.contracts.kafka.KafkaClientSettings;
import dev.revive.contracts.kafka.Topics;
import dev.revive.testkit.KafkaBroker;
import dev.revive.testkit.KafkaSecurity;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Revive's broker of a {@link ReviveStack}: a KRaft broker in this JVM, plain or with Kafka security on (SASL_SSL,
 * SCRAM-SHA-512, the ACLs of {@link dev.revive.contracts.kafka.TopicOwners}: every principal's credentials are in
 * {@link KafkaBroker#security()}), holding every Revive topic; and the stack's {@link EventLog} on it.
 */
final class StackBroker {

    private StackBroker() {
    }

    /** Starts the broker on {@code directory} with every topic as {@code layout} sizes it; closes it if that fails. */
    static KafkaBroker start(Path directory, boolean secure, StackLayout layout, Consumer<String> progress) {
        long begin = System.nanoTime();
        KafkaBroker broker = secure ? KafkaBroker.startSecure(directory) : KafkaBroker.start(directory);
        try {
            broker.createTopics(Topics.ALL.stream().map(layout::topicSpec).toList());
        } catch (RuntimeException | Error e) {
            broker.close();
            throw e;
        }
        progress.accept("Kafka broker (KRaft, in this JVM" + (secure ? ", SASL_SSL with ACLs" : "") + ") at "
                + broker.bootstrapServers() + " in " + Elapsed.since(begin));
        return broker;
    }

    /** The log of every Revive topic on {@code broker}, read as the super user (who may read them all). */
    static EventLog events(KafkaBroker broker) {
        return new EventLog(new KafkaClientSettings(broker.clientSettings(KafkaSecurity.ADMIN)), Clock.systemUTC());
    }
}
