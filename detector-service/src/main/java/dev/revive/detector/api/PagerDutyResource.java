package dev.revive.detector.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.json.EventCodec;
import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.time.IdSource;
import dev.revive.detector.alerts.AlertFaults;
import dev.revive.detector.alerts.AlertMapping;
import dev.revive.detector.alerts.AlertMapping.Mapped;
import dev.revive.detector.alerts.AlertMapping.Unmapped;
import dev.revive.detector.alerts.AlertMemory;
import dev.revive.detector.alerts.PagerDutyEvent;
import dev.revive.detector.spec.ClusterRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /alerts/pagerduty} (and PagerDuty's own path, {@link PagerDutyEnqueueResource}): PagerDuty Events API
 * v2. The routing key is the credential (no bearer token: PagerDuty senders carry only it). A trigger becomes a fault
 * (a trigger with a dedup key already triggered is not published again), a resolve the RECOVERED of the node its
 * trigger named, an acknowledge is accepted and not published. Answered like PagerDuty: 202 with the dedup key.
 */
@Path("/alerts/pagerduty")
public class PagerDutyResource {

    private static final EventCodec<PagerDutyEvent> CODEC = EventCodec.of(PagerDutyEvent.class);
    private static final String PROCESSED = "Event processed";

    @Inject
    AlertMapping mapping;
    @Inject
    AlertMemory memory;
    @Inject
    AlertFaults faults;
    @Inject
    ClusterRegistry registry;
    @Inject
    FaultIntake intake;
    @Inject
    AlertBeans.RoutingKeys routingKeys;
    @Inject
    IdSource ids;
    @Inject
    Clock clock;

    /**
     * PagerDuty's answer.
     *
     * @param status   {@code success}
     * @param message  {@code Event processed}, and what Revive did when it did not publish
     * @param dedupKey the event's dedup key (made up for a trigger without one)
     */
    public record Answer(String status, String message, @JsonProperty("dedup_key") String dedupKey) {
    }

    /** Checks the routing key, then triggers, resolves or acknowledges. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response enqueue(byte[] body) {
        PagerDutyEvent sent = CODEC.decode(body);
        if (!routingKeys.accepts(sent.routingKey())) {
            throw AlertRejectedException.routingKey();
        }
        PagerDutyEvent event = sent.dedupKey() != null ? sent
                : new PagerDutyEvent(sent.routingKey(), sent.eventAction(), ids.next("revive"), sent.payload());
        String message = switch (event.action()) {
            case TRIGGER -> trigger(event);
            case RESOLVE -> resolve(event);
            case ACKNOWLEDGE -> PROCESSED + "; acknowledge is not published by Revive (it acts on trigger and resolve)";
        };
        return Response.accepted(new Answer("success", message, event.dedupKey())).build();
    }

    private String trigger(PagerDutyEvent event) {
        AlertMapping.Result result = mapping.map(labels(event.payload()), registry::find);
        if (result instanceof Unmapped unmapped) {
            throw AlertRejectedException.unmapped(unmapped.reason(), unmapped.field(), unmapped.detail());
        }
        Mapped target = (Mapped) result;
        FaultEvent fault = faults.trigger(event, target, clock.instant());
        boolean published = publishOnce(event, fault, new AlertMemory.Entry(target.clusterId(), target.nodeId(), true, ""));
        return published ? PROCESSED : PROCESSED + "; already triggered, not published again";
    }

    private String resolve(PagerDutyEvent event) {
        Optional<AlertMemory.Entry> triggered = memory.find(AlertFaults.dedupKey(event));
        if (triggered.isEmpty()) {
            intake.deadLetter(null, CODEC.encode(event), RejectReason.UNKNOWN_NODE, "dedup_key",
                    "resolve of a dedup_key whose trigger this detector has not seen: no node to recover",
                    "PagerDuty resolve " + event.dedupKey());
            return PROCESSED + "; no trigger of this dedup_key is known, dead-lettered";
        }
        AlertMemory.Entry trigger = triggered.get();
        FaultEvent recovered = faults.resolve(event, trigger.clusterId(), trigger.nodeId(), clock.instant());
        boolean published = publishOnce(event, recovered,
                new AlertMemory.Entry(trigger.clusterId(), trigger.nodeId(), false, ""));
        return published ? PROCESSED : PROCESSED + "; already resolved, not published again";
    }

    private boolean publishOnce(PagerDutyEvent event, FaultEvent fault, AlertMemory.Entry entry) {
        Optional<AlertMemory.Claim> claim = memory.claim(AlertFaults.dedupKey(event), entry);
        if (claim.isEmpty()) {
            return false;
        }
        try {
            intake.accept(fault);
            return true;
        } catch (RuntimeException e) {
            claim.get().release();
            throw e;
        }
    }

    /**
     * The scalar {@code custom_details}, with {@code source} as the node and {@code severity} as the severity when
     * they name none.
     */
    private AlertMapping.Labels labels(PagerDutyEvent.Payload payload) {
        Map<String, String> labels = new HashMap<>(AlertFaults.scalars(payload.customDetails()));
        labels.putIfAbsent(mapping.rules().severityLabel(), payload.severity());
        String nodeLabel = mapping.rules().nodeLabel();
        boolean nodeFromSource = !labels.containsKey(nodeLabel);
        if (nodeFromSource) {
            labels.put(nodeLabel, payload.source());
        }
        return new AlertMapping.Labels(labels, Map.of(), label -> nodeFromSource && label.equals(nodeLabel)
                ? "payload.source" : "payload.custom_details." + label);
    }
}
