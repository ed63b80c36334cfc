package dev.revive.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, the body of every error answer ({@code application/problem+json}).
 *
 * @param type     a URI naming the kind of problem ({@code about:blank} for plain HTTP errors)
 * @param title    a short summary of that kind
 * @param status   the HTTP status code
 * @param detail   what went wrong with this request
 * @param instance the request path
 * @param field    extension: the offending field as a dotted path, when one is known
 * @param reason   extension: the contracts' {@code RejectReason}, when one applies
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field,
        String reason) {

    /** The media type of problem details. */
    public static final String MEDIA_TYPE = "application/problem+json";
}
