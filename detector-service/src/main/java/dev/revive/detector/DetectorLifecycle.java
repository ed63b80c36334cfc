package dev.revive.detector;

import dev.revive.detector.kafka.SpecPublisher;
import dev.revive.detector.loop.DetectionLoop;
import dev.revive.detector.spec.ClusterFeed;
import dev.revive.detector.spec.ClusterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Starts the detector in order: check the configuration, load the specs, publish them, watch the nodes,
 * then follow {@code revive.clusters} for clusters registered at runtime.
 */
@ApplicationScoped
public class DetectorLifecycle {

    @Inject
    DetectorConfig config;
    @Inject
    ClusterRegistry registry;
    @Inject
    SpecPublisher specs;
    @Inject
    DetectionLoop watches;
    @Inject
    ClusterFeed feed;

    void onStart(@Observes StartupEvent event) {
        ConfigCheck.validate(config);
        specs.publishAll(List.copyOf(registry.signed()));
        watches.start(List.copyOf(registry.all()));
        if (config.followRegistrations()) {
            feed.start(watches::watch, watches::unwatch);
        }
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        specs.stop();
        feed.stop();
        watches.stop();
    }
}
