package dev.revive.detector.api;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.json.EventCodec;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.validation.LogSafe;
import dev.revive.detector.DetectorConfig;
import dev.revive.detector.spec.ClusterRegistry;
import dev.revive.service.api.ApiTokenRequired;
import dev.revive.service.api.RecordPublisher;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * {@code POST /faults}: other systems report a fault as a JSON {@link FaultEvent}. It is answered
 * 202 only once Kafka has acknowledged the record, so an accepted fault is never lost.
 */
@Path("/faults")
public class FaultResource {

    private static final Logger LOG = Logger.getLogger(FaultResource.class);
    private static final EventCodec<FaultEvent> CODEC = EventCodec.of(FaultEvent.class);

    @Inject
    ClusterRegistry registry;
    @Inject
    RecordPublisher publisher;
    @Inject
    DetectorConfig config;

    /**
     * The answer of an accepted fault.
     *
     * @param faultId the id of the fault, as sent
     */
    public record Accepted(String faultId) {
    }

    /** Validates the fault, checks its cluster and node are registered, publishes it and waits for Kafka's acknowledgement. */
    @POST
    @ApiTokenRequired
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response report(byte[] body) {
        FaultEvent fault = CODEC.decode(body);
        MDC.put("clusterId", fault.clusterId());
        try {
            ClusterSpec spec = registry.find(fault.clusterId())
                    .orElseThrow(() -> UnknownTargetException.cluster(fault.clusterId()));
            if (fault.nodeId() != null && spec.node(fault.nodeId()).isEmpty()) {
                throw UnknownTargetException.node(fault.clusterId(), fault.nodeId());
            }
            publisher.publishAndAwait(Topics.FAULTS, fault.clusterId(), fault, config.api().ackTimeout(),
                    "retry with the same faultId");
            LOG.infof("fault %s (%s of %s) from %s accepted", fault.faultId(), fault.kind(), fault.subject(),
                    LogSafe.text(fault.source()));
            return Response.accepted(new Accepted(fault.faultId())).build();
        } finally {
            MDC.remove("clusterId");
        }
    }
}
