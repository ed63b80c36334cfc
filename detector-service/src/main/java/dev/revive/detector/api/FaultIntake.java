package dev.revive.detector.api;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.validation.LogSafe;
import dev.revive.detector.DetectorConfig;
import dev.revive.detector.kafka.FaultPublisher;
import dev.revive.detector.spec.ClusterRegistry;
import dev.revive.service.api.RecordPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The one way a fault from outside (the {@code /faults} API, the alert integrations) enters Revive: its cluster and
 * node must be registered, and it counts as accepted only once Kafka acknowledged it. What was accepted but cannot be
 * placed goes to {@code revive.dlq} with the reason in its headers, never dropped.
 */
@ApplicationScoped
public class FaultIntake {

    /** The {@code revive.dlq.service} of the detector's dead letters. */
    public static final String SERVICE = "detector";

    private static final Logger LOG = Logger.getLogger(FaultIntake.class);

    @Inject
    ClusterRegistry registry;
    @Inject
    RecordPublisher publisher;
    @Inject
    DetectorConfig config;
    @Inject
    Clock clock;
    @Inject
    FaultPublisher faults;

    /**
     * Checks that the fault's cluster and node are registered, publishes it and waits for Kafka's acknowledgement.
     *
     * @throws UnknownTargetException when its cluster or node is not registered
     * @throws dev.revive.service.api.NotAcknowledgedException when Kafka did not acknowledge it in time
     */
    public void accept(FaultEvent fault) {
        MDC.put("clusterId", fault.clusterId());
        try {
            ClusterSpec spec = registry.find(fault.clusterId())
                    .orElseThrow(() -> UnknownTargetException.cluster(fault.clusterId()));
            if (fault.nodeId() != null && spec.node(fault.nodeId()).isEmpty()) {
                throw UnknownTargetException.node(fault.clusterId(), fault.nodeId());
            }
            faults.publishAndAwait(fault, config.api().ackTimeout(), "retry with the same faultId");
            LOG.infof("fault %s (%s of %s) from %s accepted", fault.faultId(), fault.kind(), fault.subject(),
                    LogSafe.text(fault.source()));
        } finally {
            MDC.remove("clusterId");
        }
    }

    /**
     * Puts what was accepted but cannot be placed on {@code revive.dlq} (the reason in {@code revive.dlq.*}
     * headers) and waits for Kafka's acknowledgement.
     *
     * @param clusterId the cluster it named, or null; the dead letter's key
     * @param value     what was received (e.g. the one alert of a group, as JSON)
     * @param what      what it is, for logs, e.g. {@code alert 3f2a…}
     */
    public void deadLetter(String clusterId, byte[] value, RejectReason reason, String field, String detail,
            String what) {
        byte[] key = clusterId == null ? null : clusterId.getBytes(StandardCharsets.UTF_8);
        publisher.sendAndAwait(DeadLetters.of(key, value, reason, field, detail, SERVICE, clock.instant()),
                "dead letter of " + what, config.api().ackTimeout(), "retry the request");
        LOG.warnf("%s dead-lettered: %s %s: %s", LogSafe.text(what), reason, LogSafe.text(field),
                LogSafe.text(detail));
    }
}
