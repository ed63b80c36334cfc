package dev.revive.planner.api;

import dev.revive.planner.PlannerTopology;
import dev.revive.service.api.RecordPublisher;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;

/**
 * The {@link RecordPublisher} of the approval API, the one writer of {@code revive.decisions}, configured from the
 * {@code kafka.*} properties.
 */
@ApplicationScoped
public class DecisionPublisherProducer {

    private static final String CLIENT_ID = "revive-planner-decisions";

    @Produces
    @Singleton
    RecordPublisher decisionPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, Clock clock) {
        return new RecordPublisher(kafka, CLIENT_ID, PlannerTopology.SOURCE, clock);
    }

    void close(@Disposes RecordPublisher publisher) {
        publisher.close();
    }
}
