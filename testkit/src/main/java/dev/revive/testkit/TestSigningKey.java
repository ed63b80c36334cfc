package dev.revive.testkit;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.kafka.EventRecords;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.trust.SignedSpec;
import dev.revive.contracts.trust.SigningKeys;
import dev.revive.contracts.trust.SpecHeaders;
import dev.revive.contracts.trust.SpecSignature;
import java.security.PrivateKey;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * The operator key of the tests: a fixed Ed25519 pair, public on purpose (tests only). Each service's
 * {@code %test} profile trusts {@link #PUBLIC_KEY}; a test that publishes a spec to {@code revive.clusters}
 * signs it with {@link #record}.
 */
public final class TestSigningKey {

    /** The base64 X.509 public key, as {@code %test.revive.trust.public-keys} holds it. */
    public static final String PUBLIC_KEY = "MCowBQYDK2VwAyEAvmCcpQeOfnOi8mymbgQNYIIoZMEuYap1nCg96wv7CgU=";
    /** The base64 PKCS#8 private key. Never use it outside tests. */
    public static final String PRIVATE_KEY = "MC4CAQAwBQYDK2VwBCIEIGf+7veJSy8qoL5VN76cJTPaxUjhjfOIExC8l1sq4I9H";

    private TestSigningKey() {
    }

    /** The private key. */
    public static PrivateKey privateKey() {
        return SigningKeys.privateKey(PRIVATE_KEY);
    }

    /** The spec signed with the test key. */
    public static SignedSpec sign(ClusterSpec spec) {
        return SignedSpec.sign(spec, privateKey());
    }

    /** Adds the test key's signature of exactly {@code value} to {@code headers}; returns them. */
    public static Headers signInto(Headers headers, byte[] value) {
        PrivateKey key = privateKey();
        SpecHeaders.write(headers, new SignedSpec(null, value, SigningKeys.keyId(SigningKeys.publicKeyOf(key)),
                SpecSignature.sign(key, value)));
        return headers;
    }

    /** A signed {@code revive.clusters} record of a spec, keyed by its id, with CloudEvent headers. */
    public static ProducerRecord<byte[], byte[]> record(ClusterSpec spec) {
        SignedSpec signed = sign(spec);
        ProducerRecord<byte[], byte[]> record = EventRecords.of(Topics.CLUSTERS, spec.id(), spec, "/revive/test",
                Instant.now());
        SpecHeaders.write(record.headers(), signed);
        return record;
    }
}
