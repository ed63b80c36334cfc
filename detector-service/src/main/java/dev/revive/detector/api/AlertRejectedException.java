package dev.revive.detector.api;

import dev.revive.contracts.json.RejectReason;

/**
 * An alert the detector refuses as a whole: no alert of it maps to a registered cluster and node (422), or a
 * PagerDuty event with a routing key that is not accepted (401).
 */
public final class AlertRejectedException extends RuntimeException {

    private final int status;
    private final RejectReason reason;
    private final String field;

    private AlertRejectedException(int status, RejectReason reason, String field, String detail) {
        super(detail);
        this.status = status;
        this.reason = reason;
        this.field = field;
    }

    /** No alert of the request maps: 422 naming the first one's field. */
    public static AlertRejectedException unmapped(RejectReason reason, String field, String detail) {
        return new AlertRejectedException(422, reason, field, detail);
    }

    /** The routing key is not one of {@code revive.detector.alerts.pagerduty-routing-keys}: 401. */
    public static AlertRejectedException routingKey() {
        return new AlertRejectedException(401, null, "routing_key",
                "routing_key is not one this detector accepts (revive.detector.alerts.pagerduty-routing-keys)");
    }

    /** 422 or 401. */
    public int status() {
        return status;
    }

    /** Why it could not be mapped; null for a refused routing key. */
    public RejectReason reason() {
        return reason;
    }

    /** The offending field. */
    public String field() {
        return field;
    }
}
