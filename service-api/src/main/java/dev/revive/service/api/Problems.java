package dev.revive.service.api;

import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import jakarta.ws.rs.core.Response;

/** The problem details the API answers with, one factory per kind of failure. */
public final class Problems {

    /** Where the problem type URIs of Revive live. */
    public static final String TYPE_BASE = "https://revive.dev/problems/";
    public static final String ABOUT_BLANK = "about:blank";

    private Problems() {
    }

    /** A body that is not a valid event: 400, or 413 when it is too large. */
    public static Problem invalidEvent(InvalidEventException e, String instance) {
        if (e.reason() == RejectReason.TOO_LARGE) {
            return new Problem(TYPE_BASE + "too-large", "Request too large", 413, e.getMessage(), instance, e.field(),
                    e.reason().name());
        }
        return new Problem(TYPE_BASE + "invalid-event", "Invalid event", 400, e.getMessage(), instance, e.field(),
                e.reason().name());
    }

    /** A problem of one of Revive's own types ({@code <TYPE_BASE><slug>}). */
    public static Problem of(String slug, String title, int status, String detail, String instance, String field,
            RejectReason reason) {
        return new Problem(TYPE_BASE + slug, title, status, detail, instance, field, reason == null ? null : reason.name());
    }

    /** No or a wrong bearer token: 401. */
    public static Problem unauthorized(String instance) {
        return new Problem(TYPE_BASE + "unauthorized", "Unauthorized", 401,
                "a valid 'Authorization: Bearer <token>' header is required", instance, null, null);
    }

    /** Over the client's {@code POST} rate limit: 429, to be retried after {@code retryAfterSeconds}. */
    public static Problem tooManyRequests(long retryAfterSeconds, String instance) {
        return new Problem(TYPE_BASE + "too-many-requests", "Too many requests", 429,
                "over the POST rate limit of this client address; retry after " + retryAfterSeconds + " s", instance,
                null, null);
    }

    /** Kafka did not acknowledge the event in time: 503, the sender may retry with the same fault id. */
    public static Problem notAcknowledged(String detail, String instance) {
        return new Problem(TYPE_BASE + "not-acknowledged", "Not acknowledged", 503, detail, instance, null, null);
    }

    /** A plain HTTP error (404, 405, 406, 415, …) with no more specific type. */
    public static Problem http(int status, String detail, String instance) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        return new Problem(ABOUT_BLANK, title, status, detail, instance, null, null);
    }

    /** Anything unexpected: 500, without internals in the answer (they are in the log). */
    public static Problem unexpected(String instance) {
        return new Problem(TYPE_BASE + "internal-error", "Internal error", 500,
                "the service failed unexpectedly; the details are in its log", instance, null, null);
    }

    /** The answer carrying {@code problem}. */
    public static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
