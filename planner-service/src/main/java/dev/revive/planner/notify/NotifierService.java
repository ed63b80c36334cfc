package dev.revive.planner.notify;

import dev.revive.planner.PlannerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Starts the webhook notifier with the application when {@code revive.planner.notify.webhooks} names at least one
 * webhook (an invalid setting stops the start), and stops it at shutdown. Without a webhook nothing runs. Only wiring:
 * the loop is in {@link NotifierRuntime}. The notifier is no part of the planner's readiness: a slow or failing
 * webhook never makes the planner unready. It is part of its liveness ({@link NotifierLiveness}): a notifier thread
 * that died (an {@link Error}; Kafka failures are rebuilt) is only mended by a restart.
 */
@ApplicationScoped
public class NotifierService {

    private static final Logger LOG = Logger.getLogger(NotifierService.class);

    @Inject
    PlannerConfig config;
    @Inject
    Clock clock;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    private volatile NotifierRuntime runtime;
    private volatile boolean stopping;

    void start(@Observes StartupEvent event) {
        NotifierSettings settings = NotifierSettings.from(config.notifier());
        if (settings.webhooks().isEmpty()) {
            LOG.debug("no webhook configured (revive.planner.notify.webhooks); the notifier does not run");
            return;
        }
        runtime = NotifierRuntime.start(kafka, settings, clock);
    }

    /** True unless a notifier was started and its thread ended before the shutdown. */
    public boolean isLive() {
        NotifierRuntime current = runtime;
        return current == null || stopping || current.isRunning();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        NotifierRuntime current = runtime;
        if (current != null) {
            current.close();
        }
    }
}
