package dev.revive.contracts.trust;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Base64;

/**
 * Ed25519 signatures over the exact bytes of a spec's canonical JSON: the value bytes that
 * {@code revive.clusters} carries. The JSON is deterministic (record components in declaration
 * order, map entries sorted by key), so the signer and every reader agree on the bytes.
 */
public final class SpecSignature {

    private SpecSignature() {
    }

    /** The canonical JSON of a spec: what the {@code revive.clusters} value serializer writes. */
    public static byte[] canonicalBytes(ClusterSpec spec) {
        return Topics.CLUSTERS.valueSerde().serializer().serialize(Topics.CLUSTERS.name(), spec);
    }

    /**
     * What an operator signs to unregister a cluster: a tombstone on {@code revive.clusters} has no value to sign,
     * so its signature covers these bytes, which name the cluster and cannot be mistaken for a spec's JSON.
     */
    public static byte[] removalBytes(String clusterId) {
        return ("revive.clusters removal of " + clusterId).getBytes(StandardCharsets.UTF_8);
    }

    /** The base64 Ed25519 signature of {@code bytes}. */
    public static String sign(PrivateKey key, byte[] bytes) {
        try {
            Signature signature = Signature.getInstance(SigningKeys.ALGORITHM);
            signature.initSign(key);
            signature.update(bytes);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** Whether {@code base64Signature} is {@code key}'s signature of {@code bytes}; false for any malformed input. */
    public static boolean verify(PublicKey key, byte[] bytes, String base64Signature) {
        try {
            Signature signature = Signature.getInstance(SigningKeys.ALGORITHM);
            signature.initVerify(key);
            signature.update(bytes);
            return signature.verify(Base64.getDecoder().decode(base64Signature));
        } catch (IllegalArgumentException | SignatureException | InvalidKeyException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }
}
