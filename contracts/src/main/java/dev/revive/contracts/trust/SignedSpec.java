package dev.revive.contracts.trust;

import dev.revive.contracts.cluster.ClusterSpec;
import java.security.PrivateKey;

/**
 * A spec with its canonical JSON bytes and the operator's signature of exactly those bytes. A value to carry,
 * not to compare: {@code bytes} is an array, so equality is by identity.
 *
 * @param spec      the parsed spec
 * @param bytes     its canonical JSON, the value to publish
 * @param keyId     the id of the key that signed it
 * @param signature the base64 Ed25519 signature of {@code bytes}
 */
public record SignedSpec(ClusterSpec spec, byte[] bytes, String keyId, String signature) {

    /** Signs a spec's canonical JSON. */
    public static SignedSpec sign(ClusterSpec spec, PrivateKey key) {
        byte[] bytes = SpecSignature.canonicalBytes(spec);
        return new SignedSpec(spec, bytes, SigningKeys.keyId(SigningKeys.publicKeyOf(key)),
                SpecSignature.sign(key, bytes));
    }
}
