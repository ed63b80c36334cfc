package dev.revive.contracts.cluster;

import static dev.revive.contracts.Violations.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.json.EventCodec;
import dev.revive.contracts.validation.ContractViolation.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A spec's client security: file references only, in pairs, and absent from the JSON of specs without it. */
class ClientSecuritySpecTest {

    private static final EventCodec<ClusterSpec> CODEC = EventCodec.of(ClusterSpec.class);

    @Test
    void aCertificateWithoutItsKeyIsRefused() {
        assertViolation(() -> new ClientSecurity("/tls/ca.pem", "/tls/client.pem", null, null, null),
                "keyFile", Reason.MISSING_FIELD);
    }

    @Test
    void aPasswordWithoutItsUserIsRefused() {
        assertViolation(() -> new ClientSecurity(null, null, null, null, "/tls/password"),
                "usernameFile", Reason.MISSING_FIELD);
    }

    @Test
    void aSpecWithoutSecurityWritesNoSecurityField() {
        ClusterSpec plain = spec(null);

        String json = new String(CODEC.encode(plain), StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("security");
        assertThat(CODEC.decode(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(plain);
    }

    @Test
    void aSpecWithSecurityRoundTrips() {
        ClusterSpec secured = spec(new ClientSecurity("/tls/ca.pem", "/tls/client.pem", "/tls/client.key",
                "/tls/user", "/tls/password"));

        ClusterSpec decoded = CODEC.decode(CODEC.encode(secured));

        assertThat(decoded.security()).isEqualTo(secured.security());
        assertThat(decoded.security().hasClientCertificate()).isTrue();
        assertThat(decoded.security().hasUser()).isTrue();
    }

    private static ClusterSpec spec(ClientSecurity security) {
        NodeSpec node = new NodeSpec("m0", null, new Endpoints("https://127.0.0.1:2379", null),
                new ProcessControl(List.of("/usr/bin/etcd"), null, null, "/run/m0.pid", "/var/log/m0.log", null),
                "/var/lib/m0", List.of(), List.of());
        return new ClusterSpec("etcd-3", SystemKind.ETCD, List.of(node), null, new BackupLocation("/backup"), null,
                null, security);
    }
}
