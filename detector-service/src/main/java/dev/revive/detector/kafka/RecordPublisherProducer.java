package dev.revive.detector.kafka;

import dev.revive.detector.DetectorConfig;
import dev.revive.service.api.RecordPublisher;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;

/**
 * The detector's one {@link RecordPublisher} (faults and cluster specs), configured from the {@code kafka.*}
 * properties ({@code kafka.bootstrap.servers}, …) and created at start, so that a broken Kafka configuration stops
 * the service at once.
 */
@ApplicationScoped
public class RecordPublisherProducer {

    private static final String CLIENT_ID = "revive-detector";

    @Produces
    @Singleton
    @Startup
    RecordPublisher publisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, DetectorConfig config,
            Clock clock) {
        return new RecordPublisher(kafka, CLIENT_ID, config.source(), clock);
    }

    void close(@Disposes RecordPublisher publisher) {
        publisher.close();
    }
}
