package dev.revive.detector.api;

import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.json.EventCodec;
import dev.revive.service.api.ApiTokenRequired;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /faults}: other systems report a fault as a JSON {@link FaultEvent}. It is answered
 * 202 only once Kafka has acknowledged the record, so an accepted fault is never lost.
 */
@Path("/faults")
public class FaultResource {

    private static final EventCodec<FaultEvent> CODEC = EventCodec.of(FaultEvent.class);

    @Inject
    FaultIntake intake;

    /**
     * The answer of an accepted fault.
     *
     * @param faultId the id of the fault, as sent
     */
    public record Accepted(String faultId) {
    }

    /** Validates the fault and hands it to {@link FaultIntake#accept} (registered target, Kafka's acknowledgement). */
    @POST
    @ApiTokenRequired
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response report(byte[] body) {
        FaultEvent fault = CODEC.decode(body);
        intake.accept(fault);
        return Response.accepted(new Accepted(fault.faultId())).build();
    }
}
