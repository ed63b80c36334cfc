package dev.revive.detector.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.trust.DetachedSignature;
import dev.revive.contracts.trust.SigningKeys;
import dev.revive.contracts.trust.TrustedKeys;
import dev.revive.testkit.TestSigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecDirectoryTest {

    private static final TrustedKeys TRUSTED = TrustedKeys.load(List.of(TestSigningKey.PUBLIC_KEY));

    @TempDir
    Path dir;

    @Test
    void skipsABadFileNamingItsFieldAndLoadsTheRest() throws IOException {
        // given one valid spec, one with a bad node id, one duplicate and a file that is not YAML
        signed(dir.resolve("a-orders.yaml"), spec("orders", "m0"));
        Files.writeString(dir.resolve("b-broken.yaml"), spec("broken", "m 0"));
        signed(dir.resolve("c-again.yml"), spec("orders", "m1"));
        Files.writeString(dir.resolve("notes.txt"), "not a spec");

        // when the directory is loaded
        SpecDirectory.Loaded loaded = SpecDirectory.load(dir, TRUSTED);

        // then the valid one loads and each bad file is named with its field
        assertThat(loaded.specs()).extracting(ClusterSpec::id).containsExactly("orders");
        assertThat(loaded.rejected()).hasSize(2);
        assertThat(loaded.rejected().get(0).file()).isEqualTo(dir.resolve("b-broken.yaml"));
        assertThat(loaded.rejected().get(0).field()).isEqualTo("nodes[0].id");
        assertThat(loaded.rejected().get(0).detail()).contains("m 0");
        assertThat(loaded.rejected().get(1).field()).isEqualTo("id");
        assertThat(loaded.rejected().get(1).detail()).contains("already defined");
    }

    @Test
    void refusesAnUnsignedAForgedAndAnEditedSpec() throws IOException {
        // given a signed spec, an unsigned one, one signed by an untrusted key and one edited after signing
        signed(dir.resolve("a-good.yaml"), spec("good", "m0"));
        Files.writeString(dir.resolve("b-unsigned.yaml"), spec("unsigned", "m0"));
        Path forged = Files.writeString(dir.resolve("c-forged.yaml"), spec("forged", "m0"));
        DetachedSignature.sign(forged, SigningKeys.generate().getPrivate());
        Path edited = signed(dir.resolve("d-edited.yaml"), spec("edited", "m0"));
        Files.writeString(edited, spec("edited", "m0").replace("/usr/bin/etcd", "/tmp/evil"));

        // when the directory is loaded
        SpecDirectory.Loaded loaded = SpecDirectory.load(dir, TRUSTED);

        // then only the signed one loads, with its signature; the others are rejected for their signature
        assertThat(loaded.specs()).extracting(ClusterSpec::id).containsExactly("good");
        assertThat(loaded.signed().get(0).keyId()).isEqualTo(TRUSTED.ids().iterator().next());
        assertThat(loaded.rejected()).extracting(SpecDirectory.Rejected::file)
                .containsExactly(dir.resolve("b-unsigned.yaml"), forged, edited);
        assertThat(loaded.rejected()).extracting(SpecDirectory.Rejected::field).containsOnly(SpecDirectory.SIGNATURE);
        assertThat(loaded.rejected().get(0).detail()).startsWith("unsigned");
        assertThat(loaded.rejected().get(1).detail()).contains("not trusted");
        assertThat(loaded.rejected().get(2).detail()).contains("does not match");
    }

    private static Path signed(Path file, String yaml) throws IOException {
        Files.writeString(file, yaml);
        DetachedSignature.sign(file, TestSigningKey.privateKey());
        return file;
    }

    /** A minimal valid etcd spec with one node. */
    static String spec(String id, String nodeId) {
        return """
                id: %s
                kind: etcd
                nodes:
                  - id: "%s"
                    endpoints:
                      client: http://127.0.0.1:2379
                    control:
                      driver: process
                      command: [/usr/bin/etcd, --name, m0]
                      pidFile: /tmp/revive/m0.pid
                      logFile: /tmp/revive/m0.log
                    dataDir: /tmp/revive/m0.etcd
                backup:
                  directory: /tmp/revive/backups
                """.formatted(id, nodeId);
    }
}
