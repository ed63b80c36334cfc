package dev.revive.detector.alerts;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.revive.contracts.validation.Check;
import dev.revive.contracts.validation.ContractViolation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One PagerDuty Events API v2 event ({@code POST /v2/enqueue}), validated like a contract record so that a bad field
 * comes back as a problem naming it ({@code payload.severity}).
 *
 * @param routingKey  the integration key; the endpoint's credential
 * @param eventAction {@code trigger}, {@code acknowledge} or {@code resolve}
 * @param dedupKey    identifies the alert; optional on a trigger (then one is made up and answered)
 * @param payload     what happened; required on a trigger
 */
public record PagerDutyEvent(@JsonProperty("routing_key") String routingKey,
        @JsonProperty("event_action") String eventAction, @JsonProperty("dedup_key") String dedupKey, Payload payload) {

    /** ISO-8601 with an offset as {@code Z}, {@code +00:00} or PagerDuty's {@code +0000}. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS][XXX][XX][X]");

    /** PagerDuty's own bound of a dedup key. */
    public static final int MAX_DEDUP_KEY = 255;

    public PagerDutyEvent {
        Check.text("routing_key", routingKey);
        Action action = Action.of(eventAction);
        if (dedupKey != null && (dedupKey.isBlank() || dedupKey.length() > MAX_DEDUP_KEY)) {
            throw new ContractViolation("dedup_key", ContractViolation.Reason.INVALID_VALUE,
                    "must be 1 to " + MAX_DEDUP_KEY + " characters");
        }
        if (action != Action.TRIGGER) {
            Check.required("dedup_key", dedupKey);
        } else {
            Check.required("payload", payload);
        }
    }

    /** The event's action. */
    public Action action() {
        return Action.of(eventAction);
    }

    /** What an event asks for. */
    public enum Action {
        TRIGGER, ACKNOWLEDGE, RESOLVE;

        static Action of(String value) {
            Check.text("event_action", value);
            return switch (value) {
                case "trigger" -> TRIGGER;
                case "acknowledge" -> ACKNOWLEDGE;
                case "resolve" -> RESOLVE;
                default -> throw new ContractViolation("event_action", ContractViolation.Reason.INVALID_VALUE,
                        "must be 'trigger', 'acknowledge' or 'resolve'");
            };
        }
    }

    /**
     * The event's payload.
     *
     * @param summary       a one-line summary
     * @param source        where it happened (host, service); mapped to the node when {@code custom_details} has none
     * @param severity      {@code critical}, {@code error}, {@code warning} or {@code info}
     * @param timestamp     when it was detected, optional: ISO-8601 with an offset, PagerDuty writes {@code +0000}
     * @param component     the component, optional
     * @param group         a logical grouping, optional
     * @param eventClass    the class or type, optional
     * @param customDetails free-form details; their scalar values are read like alert labels
     */
    public record Payload(String summary, String source, String severity, String timestamp, String component,
            String group, @JsonProperty("class") String eventClass,
            @JsonProperty("custom_details") Map<String, Object> customDetails) {

        public Payload {
            Check.text("summary", summary);
            Check.text("source", source);
            Check.text("severity", severity);
            if (!java.util.Set.of("critical", "error", "warning", "info").contains(severity.toLowerCase(Locale.ROOT))) {
                throw new ContractViolation("severity", ContractViolation.Reason.INVALID_VALUE,
                        "must be 'critical', 'error', 'warning' or 'info'");
            }
            detectedAt(timestamp);
            Check.optionalText("component", component);
            Check.optionalText("group", group);
            Check.optionalText("class", eventClass);
            customDetails = customDetails == null ? Map.of() : customDetails;
        }

        /** The {@code timestamp}, if there is one. */
        public Optional<Instant> detectedAt() {
            return detectedAt(timestamp);
        }

        private static Optional<Instant> detectedAt(String timestamp) {
            if (timestamp == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(OffsetDateTime.parse(timestamp, TIMESTAMP).toInstant());
            } catch (DateTimeParseException e) {
                throw new ContractViolation("timestamp", ContractViolation.Reason.INVALID_VALUE,
                        "is not an ISO-8601 time with an offset");
            }
        }
    }
}
