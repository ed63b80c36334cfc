package dev.revive.planner.notify;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What a notification tells. Its wire name ({@code incident.opened}, ...) is the JSON {@code type} and the name a
 * webhook's {@code events} list uses. */
public enum NotificationType {
    /** The first revision of an incident's plan: the incident opened. */
    OPENED("incident.opened"),
    /** A plan that waits for an operator's approval. */
    APPROVAL_NEEDED("incident.approval_needed"),
    /** A NOTICE revision that escalates the incident to a human. */
    ESCALATED("incident.escalated"),
    /** The verifier's report of a plan: verdict, MTTR and the checks that failed. */
    CLOSED("incident.closed");

    private final String wireName;

    NotificationType(String wireName) {
        this.wireName = wireName;
    }

    /** The name in JSON bodies and in the {@code events} setting, e.g. {@code incident.opened}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The type named {@code wireName}; throws {@link IllegalArgumentException} naming the known ones. */
    public static NotificationType of(String wireName) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown event '" + wireName + "'; known: "
                        + Arrays.stream(values()).map(NotificationType::wireName).collect(Collectors.joining(", "))));
    }
}
