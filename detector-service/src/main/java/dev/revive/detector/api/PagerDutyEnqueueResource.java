package dev.revive.detector.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /v2/enqueue}: PagerDuty's own path of the Events API v2, so that a sender configured with an events URL
 * base (Alertmanager's {@code pagerduty_configs.url}) reaches {@link PagerDutyResource} unchanged.
 */
@Path("/v2/enqueue")
public class PagerDutyEnqueueResource {

    @Inject
    PagerDutyResource pagerDuty;

    /** The same as {@code POST /alerts/pagerduty}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response enqueue(byte[] body) {
        return pagerDuty.enqueue(body);
    }
}
