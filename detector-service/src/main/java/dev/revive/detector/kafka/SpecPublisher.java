package dev.revive.detector.kafka;

import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.trust.SignedSpec;
import dev.revive.contracts.trust.SpecHeaders;
import dev.revive.service.api.RecordPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Publishes the loaded specs to the compacted clusters topic without blocking the start, and
 * tries again after a pause until Kafka has acknowledged all of them. Re-publishing is harmless:
 * an unchanged spec keeps its CloudEvent id. Each record carries the operator's signature of its value in the
 * {@link SpecHeaders}, so that every reader can check it.
 */
@ApplicationScoped
public class SpecPublisher {

    private static final Logger LOG = Logger.getLogger(SpecPublisher.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(5);

    @Inject
    RecordPublisher publisher;

    private volatile boolean published;
    private volatile boolean stopped;
    private volatile String problem = "not published yet";

    /** Publishes every spec, retrying until all are acknowledged. */
    public void publishAll(List<SignedSpec> specs) {
        CompletableFuture.runAsync(() -> attempt(specs));
    }

    /** Gives up publishing (at shutdown). */
    public void stop() {
        stopped = true;
    }

    /** True once Kafka has acknowledged every spec. */
    public boolean isPublished() {
        return published;
    }

    /** Why the specs are not published yet. */
    public String problem() {
        return problem;
    }

    private void attempt(List<SignedSpec> specs) {
        if (stopped) {
            return;
        }
        try {
            CompletableFuture<?>[] sends = specs.stream().map(this::publish).toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(sends).whenComplete((done, failure) -> {
                if (failure == null) {
                    published = true;
                    problem = null;
                } else {
                    retryLater(specs, failure);
                }
            });
        } catch (RuntimeException e) {
            retryLater(specs, e);
        }
    }

    private CompletableFuture<?> publish(SignedSpec signed) {
        String id = signed.spec().id();
        return publisher.publish(Topics.CLUSTERS, id, signed.spec(), headers -> SpecHeaders.write(headers, signed))
                .thenRun(() -> LOG.infof("cluster spec %s published", id));
    }

    private void retryLater(List<SignedSpec> specs, Throwable failure) {
        problem = failure.toString();
        LOG.errorf("cannot publish cluster specs, retrying in %s: %s", RETRY_PAUSE, problem);
        CompletableFuture.runAsync(() -> attempt(specs),
                CompletableFuture.delayedExecutor(RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS));
    }
}
