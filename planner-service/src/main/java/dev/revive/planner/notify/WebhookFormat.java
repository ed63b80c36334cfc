package dev.revive.planner.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.revive.contracts.json.Json;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a notification is written for a webhook: {@link #JSON}, the generic body (every field of
 * {@link Notification}), or {@link #SLACK}, a Slack incoming-webhook message. Bodies carry only what the records
 * carry, never a setting of the planner.
 */
public enum WebhookFormat {
    /** The {@link Notification} as JSON, fields that do not apply left out. */
    JSON {
        @Override
        byte[] render(Notification notification) {
            try {
                return Json.events().writeValueAsBytes(notification);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a notification is plain data and always writes as JSON", e);
            }
        }
    },
    /**
     * A Slack incoming-webhook message: {@code text} (the summary, shown in notifications) and one {@code section}
     * block in {@code mrkdwn} (title, cluster, incident, the summary, the notification id). Text from the records is
     * escaped as Slack asks ({@code &}, {@code <}, {@code >}), so a reason can never mention a channel or make a link.
     */
    SLACK {
        @Override
        byte[] render(Notification notification) {
            ObjectNode body = Json.events().createObjectNode();
            body.put("text", escape(notification.summary()));
            ArrayNode blocks = body.putArray("blocks");
            ObjectNode section = blocks.addObject().put("type", "section");
            section.putObject("text").put("type", "mrkdwn").put("text", bounded(mrkdwn(notification)));
            try {
                return Json.events().writeValueAsBytes(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a Slack message is plain data and always writes as JSON", e);
            }
        }
    };

    /** Slack's limit of a section's text. */
    private static final int SECTION_CHARS = 3000;

    /** The body of {@code notification} in this format, UTF-8 JSON. */
    abstract byte[] render(Notification notification);

    /** The format named {@code name} ({@code json} or {@code slack}, any case). */
    public static WebhookFormat of(String name) {
        return Arrays.stream(values()).filter(format -> format.name().equalsIgnoreCase(name.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown format '" + name + "'; known: "
                        + Arrays.stream(values()).map(format -> format.name().toLowerCase(Locale.ROOT))
                                .collect(Collectors.joining(", "))));
    }

    static String title(NotificationType type) {
        return switch (type) {
            case OPENED -> "Incident opened";
            case APPROVAL_NEEDED -> "Approval needed";
            case ESCALATED -> "Incident escalated";
            case CLOSED -> "Incident verified";
        };
    }

    private static String mrkdwn(Notification notification) {
        return "*" + title(notification.type()) + "*  cluster `" + notification.clusterId() + "`, incident `"
                + notification.incidentId() + "`\n" + escape(notification.summary()) + "\n_id: "
                + notification.id() + "_";
    }

    private static String bounded(String text) {
        return text.length() <= SECTION_CHARS ? text : text.substring(0, SECTION_CHARS - 1) + "…";
    }

    /** Slack's control characters as entities: the only escaping its message text needs. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
