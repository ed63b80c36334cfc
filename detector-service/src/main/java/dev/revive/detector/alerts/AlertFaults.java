package dev.revive.detector.alerts;

import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.time.IdSource;
import dev.revive.contracts.validation.Check;
import dev.revive.detector.alerts.AlertMapping.Mapped;
import dev.revive.detector.alerts.AlertmanagerWebhook.Alert;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the {@link FaultEvent}s of alerts that {@link AlertMapping} placed. Plain Java; time and ids are given. */
public final class AlertFaults {

    /** The {@code source} of Alertmanager's faults. */
    public static final String ALERTMANAGER = "alertmanager";
    /** The {@code source} of PagerDuty's faults. */
    public static final String PAGERDUTY = "pagerduty";
    /** Evidence key of a RECOVERED: the dedup key of the fault it ends. */
    public static final String RESOLVES = "resolves";

    private static final int MAX_COPIED = Check.MAX_ENTRIES - 16;

    private final IdSource ids;

    /** Fault ids that the sender does not fix come from {@code ids}. */
    public AlertFaults(IdSource ids) {
        this.ids = ids;
    }

    /** The dedup key of an Alertmanager alert. */
    public static String dedupKey(Alert alert) {
        return ALERTMANAGER + "/" + alert.fingerprint();
    }

    /** The dedup key of a PagerDuty event. */
    public static String dedupKey(PagerDutyEvent event) {
        return PAGERDUTY + "/" + event.dedupKey();
    }

    /**
     * The fault of a firing Alertmanager alert, or the RECOVERED of a resolved one. Its id is fixed by the alert
     * ({@code am-<fingerprint>-<startsAt>}, {@code …-resolved}), so a re-send after a restart carries the same id.
     */
    public FaultEvent of(AlertmanagerWebhook group, Alert alert, Mapped target) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("alertname", alert.labels().getOrDefault("alertname", "-"));
        evidence.put("fingerprint", alert.fingerprint());
        evidence.put("groupKey", bounded(group.groupKey()));
        evidence.put("startsAt", alert.startsAt().toString());
        if (group.receiver() != null) {
            evidence.put("receiver", group.receiver());
        }
        if (alert.generatorURL() != null) {
            evidence.put("generatorURL", alert.generatorURL());
        }
        copy(evidence, "label.", alert.labels());
        copy(evidence, "annotation.", alert.annotations());
        String id = "am-" + alert.fingerprint() + "-" + alert.startsAt().getEpochSecond();
        if (alert.firing()) {
            return new FaultEvent(fixedOrNew(id, "am"), target.clusterId(), target.nodeId(), target.kind(),
                    target.severity(), alert.startsAt(), ALERTMANAGER, evidence, dedupKey(alert));
        }
        evidence.put(RESOLVES, dedupKey(alert));
        Instant ended = alert.endsAt() != null && alert.endsAt().isAfter(alert.startsAt()) ? alert.endsAt()
                : alert.startsAt();
        return new FaultEvent(fixedOrNew(id + "-resolved", "am"), target.clusterId(), target.nodeId(),
                FaultKind.RECOVERED, Severity.INFO, ended, ALERTMANAGER, evidence, dedupKey(alert));
    }

    /** The fault of a PagerDuty trigger, observed at its {@code timestamp} or else {@code now}. */
    public FaultEvent trigger(PagerDutyEvent event, Mapped target, Instant now) {
        PagerDutyEvent.Payload payload = event.payload();
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("summary", bounded(payload.summary()));
        evidence.put("source", bounded(payload.source()));
        evidence.put("severity", payload.severity());
        evidence.put("dedup_key", event.dedupKey());
        putIfPresent(evidence, "component", payload.component());
        putIfPresent(evidence, "group", payload.group());
        putIfPresent(evidence, "class", payload.eventClass());
        copy(evidence, "detail.", scalars(payload.customDetails()));
        return new FaultEvent(ids.next("pd"), target.clusterId(), target.nodeId(), target.kind(), target.severity(),
                payload.detectedAt().orElse(now), PAGERDUTY, evidence, dedupKey(event));
    }

    /** The RECOVERED of a PagerDuty resolve, for the node its trigger named. */
    public FaultEvent resolve(PagerDutyEvent event, String clusterId, String nodeId, Instant now) {
        Map<String, String> evidence = Map.of("dedup_key", event.dedupKey(), RESOLVES, dedupKey(event));
        return new FaultEvent(ids.next("pd"), clusterId, nodeId, FaultKind.RECOVERED, Severity.INFO, now, PAGERDUTY,
                evidence, dedupKey(event));
    }

    /** The scalar values of PagerDuty's {@code custom_details}, as text: they are read like alert labels. */
    public static Map<String, String> scalars(Map<String, Object> details) {
        Map<String, String> scalars = new LinkedHashMap<>();
        details.forEach((key, value) -> {
            if (!key.isBlank() && (value instanceof String || value instanceof Number || value instanceof Boolean)) {
                scalars.put(key, value.toString());
            }
        });
        return scalars;
    }

    private String fixedOrNew(String id, String prefix) {
        return Check.ID.matcher(id).matches() ? id : ids.next(prefix);
    }

    private static void copy(Map<String, String> evidence, String prefix, Map<String, String> values) {
        values.forEach((key, value) -> {
            if (evidence.size() < MAX_COPIED && !key.isBlank()) {
                evidence.put(prefix + key, bounded(value));
            }
        });
    }

    private static void putIfPresent(Map<String, String> evidence, String key, String value) {
        if (value != null) {
            evidence.put(key, bounded(value));
        }
    }

    private static String bounded(String value) {
        return value.length() <= Check.MAX_TEXT ? value : value.substring(0, Check.MAX_TEXT - 1) + "…";
    }
}
