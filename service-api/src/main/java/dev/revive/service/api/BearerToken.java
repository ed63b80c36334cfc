package dev.revive.service.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The API token, checked in constant time: both sides are hashed to equal-length digests first,
 * so neither the content nor the length of the expected token leaks through timing.
 */
public final class BearerToken {

    private static final String SCHEME = "Bearer ";

    private final byte[] expected;

    public BearerToken(String token) {
        this.expected = sha256(token);
    }

    private BearerToken() {
        this.expected = null;
    }

    /** A token that accepts nothing: the API of a service started without a token answers 401 to everyone. */
    public static BearerToken none() {
        return new BearerToken();
    }

    /** True when {@code authorization} is {@code Bearer <the token>} (scheme case-insensitive). */
    public boolean accepts(String authorization) {
        if (expected == null || authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        byte[] presented = sha256(authorization.substring(SCHEME.length()).strip());
        return MessageDigest.isEqual(expected, presented);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
