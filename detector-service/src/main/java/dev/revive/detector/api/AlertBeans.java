package dev.revive.detector.api;

import dev.revive.contracts.time.IdSource;
import dev.revive.detector.DetectorConfig;
import dev.revive.detector.alerts.AlertFaults;
import dev.revive.detector.alerts.AlertMapping;
import dev.revive.detector.alerts.AlertMemory;
import dev.revive.service.api.BearerToken;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The alert integrations' plain objects, built from {@code revive.detector.alerts.*} at start, so that a bad rule
 * (a node pattern that is no regex, a short routing key) stops the detector with the key named.
 */
@Singleton
public class AlertBeans {

    /** The shortest routing key accepted, as for bearer tokens. */
    static final int MIN_ROUTING_KEY = 12;

    /** The label rules. */
    @Produces
    @Singleton
    @Startup
    AlertMapping mapping(DetectorConfig config) {
        DetectorConfig.Alerts alerts = config.alerts();
        return new AlertMapping(new AlertMapping.Rules(alerts.clusterLabel(), alerts.nodeLabel(), alerts.nodePattern(),
                alerts.kindLabel(), alerts.defaultKind(), alerts.severityLabel(), alerts.defaultSeverity()));
    }

    /** What was published last per dedup key. */
    @Produces
    @Singleton
    @Startup
    AlertMemory memory(DetectorConfig config) {
        return new AlertMemory(config.alerts().remembered());
    }

    /** Builds the faults of alerts. */
    @Produces
    @Singleton
    AlertFaults faults(IdSource ids) {
        return new AlertFaults(ids);
    }

    /** The PagerDuty routing keys, each checked in constant time like a bearer token; none configured: empty. */
    @Produces
    @Singleton
    @Startup
    RoutingKeys routingKeys(DetectorConfig config) {
        List<String> keys = config.alerts().pagerdutyRoutingKeys().orElse(List.of());
        keys.stream().filter(key -> key.strip().length() < MIN_ROUTING_KEY).findFirst().ifPresent(key -> {
            throw new IllegalArgumentException("revive.detector.alerts.pagerduty-routing-keys: a key is shorter than "
                    + MIN_ROUTING_KEY + " characters");
        });
        return new RoutingKeys(keys.stream().map(key -> new BearerToken(key.strip())).toList());
    }

    /**
     * The accepted PagerDuty routing keys.
     *
     * @param keys each key as a constant-time token
     */
    public record RoutingKeys(List<BearerToken> keys) {

        /** True when {@code presented} is one of the keys; every key is compared, in constant time. */
        public boolean accepts(String presented) {
            boolean accepted = false;
            for (BearerToken key : keys) {
                accepted |= key.accepts("Bearer " + presented);
            }
            return accepted;
        }
    }
}
