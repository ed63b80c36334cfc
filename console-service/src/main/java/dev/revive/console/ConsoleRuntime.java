package dev.revive.console;

import dev.revive.contracts.kafka.BeginningReader;
import dev.revive.contracts.kafka.KafkaClientSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Starts the {@link TopicTail} on a thread of its own at startup, filling the {@link ConsoleModel}; stops it at
 * shutdown.
 */
@ApplicationScoped
public class ConsoleRuntime {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;
    @Inject
    ConsoleConfig config;
    @Inject
    ConsoleModel model;

    private BeginningReader tail;

    void start(@Observes StartupEvent event) {
        Map<String, Object> props = new KafkaClientSettings(kafka).reader("revive-console");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // a committed record is seen when its commit marker is: an empty fetch need not wait 500 ms for it
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        tail = TopicTail.reader(new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                model, config.pollTimeout());
        Thread thread = new Thread(tail, "revive-console-tail");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (tail != null) {
            tail.stop();
        }
    }

    /** True once the topics were read up to where they ended at start, while the tail runs. */
    boolean ready() {
        return tail != null && tail.isAlive() && tail.isCaughtUp();
    }

    /** True while the tail runs. */
    boolean alive() {
        return tail == null || tail.isAlive();
    }
}
