package dev.revive.planner;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

/**
 * Keeps the application running: a stream thread that dies of an unexpected error is replaced
 * and resumes from the last committed transaction (Quarkus picks this bean up for its KafkaStreams).
 */
@Singleton
public class StreamsSupport {

    private static final Logger LOG = Logger.getLogger(StreamsSupport.class);

    @Produces
    @Singleton
    StreamsUncaughtExceptionHandler uncaughtExceptionHandler() {
        return failure -> {
            LOG.error("Stream thread failed; replacing it", failure);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        };
    }
}
