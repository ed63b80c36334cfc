package dev.revive.detector.alerts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.revive.contracts.validation.Check;
import dev.revive.contracts.validation.ContractViolation;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The body Prometheus Alertmanager posts to a webhook receiver, payload version 4. Validated like a contract record,
 * so that a bad field comes back as a problem naming it ({@code alerts[1].fingerprint}).
 *
 * @param version  the payload version, {@code "4"}
 * @param status   {@code firing} or {@code resolved}: the group's status
 * @param groupKey the key of the alert group
 * @param receiver the receiver's name
 * @param alerts   the alerts of the group
 */
public record AlertmanagerWebhook(String version, String status, String groupKey, String receiver, List<Alert> alerts) {

    /** The payload version this endpoint reads. */
    public static final String VERSION = "4";

    public AlertmanagerWebhook {
        Check.text("version", version);
        if (!VERSION.equals(version)) {
            throw new ContractViolation("version", ContractViolation.Reason.INVALID_VALUE,
                    "Alertmanager webhook payload version " + version + " is not supported, expected " + VERSION);
        }
        AlertStatus.of("status", status);
        Check.text("groupKey", groupKey);
        Check.optionalText("receiver", receiver);
        alerts = Check.list("alerts", Check.required("alerts", alerts));
    }

    /**
     * One alert of the group.
     *
     * @param status      {@code firing} or {@code resolved}
     * @param labels      its labels (they identify it)
     * @param annotations its annotations
     * @param startsAt    when it started firing
     * @param endsAt      when it ended, or a zero time while it fires
     * @param fingerprint Alertmanager's hash of its labels
     * @param generatorURL the Prometheus expression that fired it
     */
    public record Alert(String status, Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
            Instant endsAt, String fingerprint, String generatorURL) {

        public Alert {
            AlertStatus.of("status", status);
            labels = Check.textMap("labels", labels);
            annotations = Check.textMap("annotations", annotations);
            Check.required("startsAt", startsAt);
            Check.id("fingerprint", fingerprint);
            Check.optionalText("generatorURL", generatorURL);
        }

        /** True while the alert fires. */
        @JsonIgnore
        public boolean firing() {
            return AlertStatus.of("status", status) == AlertStatus.FIRING;
        }
    }

    /** The two states of an alert. */
    enum AlertStatus {
        FIRING, RESOLVED;

        static AlertStatus of(String field, String value) {
            Check.text(field, value);
            return switch (value) {
                case "firing" -> FIRING;
                case "resolved" -> RESOLVED;
                default -> throw new ContractViolation(field, ContractViolation.Reason.INVALID_VALUE,
                        "must be 'firing' or 'resolved' but was '" + (value.length() > 32 ? value.substring(0, 32) : value) + "'");
            };
        }
    }
}
