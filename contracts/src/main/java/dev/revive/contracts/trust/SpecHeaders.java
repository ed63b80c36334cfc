package dev.revive.contracts.trust;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** The Kafka record headers that carry a spec's signature on {@code revive.clusters}. */
public final class SpecHeaders {

    /** The base64 Ed25519 signature of the record value. */
    public static final String SIGNATURE = "revive-signature";
    /** The id of the signing key ({@link SigningKeys#keyId}). */
    public static final String KEY_ID = "revive-key-id";

    private SpecHeaders() {
    }

    /** Sets the signature headers of {@code signed} on {@code headers}, replacing earlier ones. */
    public static Headers write(Headers headers, SignedSpec signed) {
        headers.remove(SIGNATURE);
        headers.remove(KEY_ID);
        headers.add(SIGNATURE, signed.signature().getBytes(StandardCharsets.US_ASCII));
        headers.add(KEY_ID, signed.keyId().getBytes(StandardCharsets.US_ASCII));
        return headers;
    }

    /** The last value of header {@code key} as ASCII text, or null when absent. */
    public static String value(Headers headers, String key) {
        Header header = headers == null ? null : headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
    }
}
