package dev.revive.contracts.cluster;

import static dev.revive.contracts.Violations.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.Resources;
import dev.revive.contracts.trust.SignedSpec;
import dev.revive.contracts.trust.SigningKeys;
import dev.revive.contracts.trust.SpecSignature;
import dev.revive.contracts.validation.ContractViolation.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec's fenced roles: ids, unique, only with a user that may change roles; read from YAML, carried by the
 * signature, and absent from the JSON (and so from the signed bytes) of specs that name none.
 */
class FencedRolesSpecTest {

    private static final String EXAMPLE = new String(Resources.bytes("examples/etcd-3.yaml"), StandardCharsets.UTF_8);
    private static final String USER = "security:\n  usernameFile: /etc/revive/etcd-3/user\n"
            + "  passwordFile: /etc/revive/etcd-3/password\n";

    @TempDir
    Path dir;

    @Test
    void theLoaderReadsTheFencedRolesAndTheSignatureCoversThem() throws IOException {
        // given
        Path file = write("fenced.yaml", EXAMPLE + "\n" + USER + "fencedRoles:\n  - app\n  - billing\n");
        KeyPair key = SigningKeys.generate();

        // when
        ClusterSpec spec = ClusterSpecLoader.load(file);
        SignedSpec signed = SignedSpec.sign(spec, key.getPrivate());
        byte[] tampered = new String(signed.bytes(), StandardCharsets.UTF_8).replace("\"billing\"", "\"other\"")
                .getBytes(StandardCharsets.UTF_8);

        // then
        assertThat(spec.fencedRoles()).containsExactly("app", "billing");
        assertThat(new String(signed.bytes(), StandardCharsets.UTF_8)).contains("\"fencedRoles\":[\"app\",\"billing\"]");
        assertThat(SpecSignature.verify(key.getPublic(), signed.bytes(), signed.signature())).isTrue();
        assertThat(SpecSignature.verify(key.getPublic(), tampered, signed.signature())).isFalse();
    }

    @Test
    void aSpecWithoutFencedRolesWritesNoSuchField() {
        // given
        ClusterSpec plain = ClusterSpecLoader.load(Resources.path("examples/etcd-3.yaml"));

        // when
        String canonical = new String(SpecSignature.canonicalBytes(plain), StandardCharsets.UTF_8);

        // then
        assertThat(plain.fencedRoles()).isEmpty();
        assertThat(canonical).doesNotContain("fencedRoles");
    }

    @Test
    void fencedRolesWithoutAUserAreRefusedNamingTheMissingField() throws IOException {
        // given
        Path file = write("no-user.yaml", EXAMPLE + "\nfencedRoles:\n  - app\n");

        // then
        assertThatThrownBy(() -> ClusterSpecLoader.load(file)).isInstanceOfSatisfying(ClusterSpecException.class,
                e -> assertThat(e.field()).isEqualTo("security.usernameFile"));
        assertViolation(() -> spec(new ClientSecurity("/tls/ca.pem", null, null, null, null), List.of("app")),
                "security.usernameFile", Reason.MISSING_FIELD);
    }

    @Test
    void aRoleThatIsNoIdOrNamedTwiceIsRefused() {
        ClientSecurity user = new ClientSecurity(null, null, null, "/etc/user", "/etc/password");

        assertViolation(() -> spec(user, List.of("app", "--all")), "fencedRoles[1]", Reason.INVALID_ID);
        assertViolation(() -> spec(user, List.of("app", "app")), "fencedRoles", Reason.INVALID_VALUE);
    }

    private static ClusterSpec spec(ClientSecurity security, List<String> roles) {
        NodeSpec node = new NodeSpec("m0", null, new Endpoints("http://127.0.0.1:2379", null),
                new ProcessControl(List.of("/usr/bin/etcd"), null, null, "/run/m0.pid", "/var/log/m0.log", null),
                "/var/lib/m0", List.of(), List.of());
        return new ClusterSpec("etcd-3", SystemKind.ETCD, List.of(node), null, new BackupLocation("/backup"), null,
                null, security, roles);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
