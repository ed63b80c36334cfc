package dev.revive.contracts.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedKeysTest {

    private static final byte[] SPEC = "{\"id\":\"etcd-a\"}".getBytes(StandardCharsets.UTF_8);
    private final KeyPair operator = SigningKeys.generate();

    @Test
    void acceptsBytesSignedByATrustedKey() {
        TrustedKeys trusted = TrustedKeys.of(List.of(operator.getPublic()));

        TrustedKeys.Verification result = trusted.verify(SPEC, SpecSignature.sign(operator.getPrivate(), SPEC),
                SigningKeys.keyId(operator.getPublic()));

        assertThat(result.trusted()).isTrue();
    }

    @Test
    void refusesTamperedBytes() {
        TrustedKeys trusted = TrustedKeys.of(List.of(operator.getPublic()));
        String signature = SpecSignature.sign(operator.getPrivate(), SPEC);
        byte[] tampered = "{\"id\":\"etcd-b\"}".getBytes(StandardCharsets.UTF_8);

        TrustedKeys.Verification result = trusted.verify(tampered, signature, SigningKeys.keyId(operator.getPublic()));

        assertThat(result.trusted()).isFalse();
        assertThat(result.reason()).contains("does not match");
    }

    @Test
    void refusesASignatureByAnUnknownKey() {
        TrustedKeys trusted = TrustedKeys.of(List.of(operator.getPublic()));
        KeyPair stranger = SigningKeys.generate();

        TrustedKeys.Verification result = trusted.verify(SPEC, SpecSignature.sign(stranger.getPrivate(), SPEC),
                SigningKeys.keyId(stranger.getPublic()));

        assertThat(result.trusted()).isFalse();
        assertThat(result.reason()).contains("not trusted");
    }

    @Test
    void refusesAForgedSignatureUnderATrustedKeyId() {
        TrustedKeys trusted = TrustedKeys.of(List.of(operator.getPublic()));
        KeyPair stranger = SigningKeys.generate();

        TrustedKeys.Verification result = trusted.verify(SPEC, SpecSignature.sign(stranger.getPrivate(), SPEC),
                SigningKeys.keyId(operator.getPublic()));

        assertThat(result.trusted()).isFalse();
    }

    @Test
    void acceptsEitherKeyDuringARotation(@TempDir Path dir) throws Exception {
        KeyPair next = SigningKeys.generate();
        Files.writeString(dir.resolve("old.pub"), SigningKeys.pem(operator.getPublic()));
        TrustedKeys trusted = TrustedKeys.load(List.of(dir.toString(), SigningKeys.base64(next.getPublic())));

        boolean old = trusted.verify(SPEC, SpecSignature.sign(operator.getPrivate(), SPEC),
                SigningKeys.keyId(operator.getPublic())).trusted();
        boolean rotated = trusted.verify(SPEC, SpecSignature.sign(next.getPrivate(), SPEC),
                SigningKeys.keyId(next.getPublic())).trusted();

        assertThat(old).isTrue();
        assertThat(rotated).isTrue();
        assertThat(trusted.ids()).hasSize(2);
    }

    @Test
    void refusesToTrustNobody() {
        assertThatThrownBy(() -> TrustedKeys.load(List.of(" ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(TrustedKeys.CONFIG_KEY);
    }

    @Test
    void rejectsAnUnsignedRecordAsUntrusted() {
        TrustedKeys trusted = TrustedKeys.of(List.of(operator.getPublic()));

        assertThatThrownBy(() -> trusted.requireTrusted(new RecordHeaders(), SPEC))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.UNTRUSTED_SPEC));
    }

    @Test
    void acceptsARemovalSignedForThatClusterOnly() {
        // given: an operator's signature over the removal of etcd-a
        TrustedKeys trusted = TrustedKeys.of(List.of(operator.getPublic()));
        RecordHeaders headers = new RecordHeaders();
        headers.add(SpecHeaders.SIGNATURE, SpecSignature.sign(operator.getPrivate(), SpecSignature.removalBytes("etcd-a"))
                .getBytes(StandardCharsets.UTF_8));
        headers.add(SpecHeaders.KEY_ID, SigningKeys.keyId(operator.getPublic()).getBytes(StandardCharsets.UTF_8));

        // when / then: it removes etcd-a, and is refused for any other cluster
        trusted.requireTrustedRemoval(headers, "etcd-a");
        assertThatThrownBy(() -> trusted.requireTrustedRemoval(headers, "etcd-b"))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.UNTRUSTED_SPEC));
    }

    @Test
    void refusesAnUnsignedRemoval() {
        TrustedKeys trusted = TrustedKeys.of(List.of(operator.getPublic()));

        assertThatThrownBy(() -> trusted.requireTrustedRemoval(new RecordHeaders(), "etcd-a"))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.UNTRUSTED_SPEC));
    }

    @Test
    void derivesThePublicKeyOfAPrivateKey() {
        assertThat(SigningKeys.publicKeyOf(operator.getPrivate())).isEqualTo(operator.getPublic());
    }

    @Test
    void readsBackPemKeys() {
        assertThat(SigningKeys.publicKey(SigningKeys.pem(operator.getPublic()))).isEqualTo(operator.getPublic());
        assertThat(SigningKeys.privateKey(SigningKeys.pem(operator.getPrivate())).getEncoded())
                .isEqualTo(operator.getPrivate().getEncoded());
    }
}
