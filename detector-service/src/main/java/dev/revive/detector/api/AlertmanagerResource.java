package dev.revive.detector.api;

import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.json.EventCodec;
import dev.revive.detector.alerts.AlertFaults;
import dev.revive.detector.alerts.AlertMapping;
import dev.revive.detector.alerts.AlertMapping.Mapped;
import dev.revive.detector.alerts.AlertMapping.Unmapped;
import dev.revive.detector.alerts.AlertMemory;
import dev.revive.detector.alerts.AlertmanagerWebhook;
import dev.revive.detector.alerts.AlertmanagerWebhook.Alert;
import dev.revive.detector.spec.ClusterRegistry;
import dev.revive.service.api.ApiTokenRequired;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /alerts/alertmanager}: Prometheus Alertmanager's webhook (payload version 4). Each firing alert that
 * the label rules place becomes one fault, each resolved one a RECOVERED; an alert re-sent unchanged (same
 * fingerprint, status and {@code startsAt}) is not published again. When no alert of the group can be placed the
 * answer is 422; otherwise the ones that cannot are dead-lettered and the answer is 200 saying which.
 */
@Path("/alerts/alertmanager")
@ApiTokenRequired
public class AlertmanagerResource {

    private static final EventCodec<AlertmanagerWebhook> CODEC = EventCodec.of(AlertmanagerWebhook.class);
    private static final EventCodec<Alert> ALERT = EventCodec.of(Alert.class);

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

    /**
     * What became of a group.
     *
     * @param published    the fault ids published
     * @param duplicates   the fingerprints of alerts already published as they are
     * @param deadLettered the alerts that could not be placed, with why
     */
    public record Receipt(List<String> published, List<String> duplicates, List<DeadLettered> deadLettered) {
    }

    /**
     * One alert put on {@code revive.dlq}.
     *
     * @param alert  its fingerprint (Alertmanager) or dedup key (PagerDuty)
     * @param reason the {@code RejectReason}
     * @param field  the offending field
     * @param detail what is wrong
     */
    public record DeadLettered(String alert, String reason, String field, String detail) {
    }

    /** Maps every alert of the group first, then publishes the placed ones and dead-letters the rest. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Receipt receive(byte[] body) {
        AlertmanagerWebhook group = CODEC.decode(body);
        List<AlertMapping.Result> results = new ArrayList<>();
        for (int i = 0; i < group.alerts().size(); i++) {
            Alert alert = group.alerts().get(i);
            String prefix = "alerts[" + i + "].";
            results.add(mapping.map(new AlertMapping.Labels(alert.labels(), alert.annotations(),
                    label -> prefix + (alert.labels().containsKey(label) || !alert.annotations().containsKey(label)
                            ? "labels." : "annotations.") + label), registry::find));
        }
        if (results.stream().noneMatch(Mapped.class::isInstance)) {
            Optional<Unmapped> first = results.stream().map(Unmapped.class::cast).findFirst();
            if (first.isPresent()) {
                throw AlertRejectedException.unmapped(first.get().reason(), first.get().field(),
                        "no alert of the group maps to a registered cluster and node; first: " + first.get().detail());
            }
        }
        Receipt receipt = new Receipt(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < results.size(); i++) {
            Alert alert = group.alerts().get(i);
            if (results.get(i) instanceof Mapped target) {
                publish(group, alert, target, receipt);
            } else if (results.get(i) instanceof Unmapped unmapped) {
                intake.deadLetter(unmapped.clusterId(), ALERT.encode(alert), unmapped.reason(), unmapped.field(),
                        unmapped.detail(), "alert " + alert.fingerprint());
                receipt.deadLettered().add(new DeadLettered(alert.fingerprint(), unmapped.reason().name(),
                        unmapped.field(), unmapped.detail()));
            }
        }
        return receipt;
    }

    private void publish(AlertmanagerWebhook group, Alert alert, Mapped target, Receipt receipt) {
        FaultEvent fault = faults.of(group, alert, target);
        AlertMemory.Entry entry = new AlertMemory.Entry(target.clusterId(), target.nodeId(), alert.firing(),
                alert.startsAt().toString());
        Optional<AlertMemory.Claim> claim = memory.claim(AlertFaults.dedupKey(alert), entry);
        if (claim.isEmpty()) {
            receipt.duplicates().add(alert.fingerprint());
            return;
        }
        try {
            intake.accept(fault);
        } catch (RuntimeException e) {
            claim.get().release();
            throw e;
        }
        receipt.published().add(fault.faultId());
    }
}
