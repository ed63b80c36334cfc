package dev.revive.contracts.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.ClusterSpecLoader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignCommandTest {

    private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream());

    @Test
    void keygenWritesAPrivateKeyOnlyItsOwnerCanRead(@TempDir Path dir) throws Exception {
        int status = SignCommand.run(List.of("keygen", dir.toString()), quiet, quiet);

        assertThat(status).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(SignCommand.PRIVATE_FILE))))
                .isEqualTo("rw-------");
        assertThat(dir.resolve(SignCommand.PUBLIC_FILE)).exists();
    }

    @Test
    void signWritesADetachedSignatureTheTrustedKeyVerifies(@TempDir Path dir) throws Exception {
        Path spec = copyExample(dir);
        SignCommand.run(List.of("keygen", dir.toString()), quiet, quiet);
        TrustedKeys trusted = TrustedKeys.load(List.of(dir.resolve(SignCommand.PUBLIC_FILE).toString()));

        int status = SignCommand.run(List.of("sign", "--key", dir.resolve(SignCommand.PRIVATE_FILE).toString(),
                spec.toString()), quiet, quiet);

        assertThat(status).isZero();
        ClusterSpec parsed = ClusterSpecLoader.load(spec);
        assertThat(DetachedSignature.read(spec)).hasValueSatisfying(
                signature -> assertThat(signature.verify(parsed, trusted).trusted()).isTrue());
    }

    @Test
    void aChangedSpecNoLongerMatchesItsSignature(@TempDir Path dir) throws Exception {
        Path spec = copyExample(dir);
        SignCommand.run(List.of("keygen", dir.toString()), quiet, quiet);
        SignCommand.run(List.of("sign", "--key", dir.resolve(SignCommand.PRIVATE_FILE).toString(), spec.toString()),
                quiet, quiet);
        TrustedKeys trusted = TrustedKeys.load(List.of(dir.resolve(SignCommand.PUBLIC_FILE).toString()));

        Files.writeString(spec, Files.readString(spec).replaceFirst("(?m)^id: \\S+", "id: someone-elses"));

        ClusterSpec changed = ClusterSpecLoader.load(spec);
        assertThat(DetachedSignature.read(spec).orElseThrow().verify(changed, trusted).trusted()).isFalse();
    }

    @Test
    void removalPrintsTheHeadersOfATombstoneTheTrustedKeyAccepts(@TempDir Path dir) throws Exception {
        SignCommand.run(List.of("keygen", dir.toString()), quiet, quiet);
        TrustedKeys trusted = TrustedKeys.load(List.of(dir.resolve(SignCommand.PUBLIC_FILE).toString()));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int status = SignCommand.run(List.of("removal", "--key", dir.resolve(SignCommand.PRIVATE_FILE).toString(),
                "etcd-a"), new PrintStream(printed, true, StandardCharsets.UTF_8), quiet);

        assertThat(status).isZero();
        RecordHeaders headers = new RecordHeaders();
        printed.toString(StandardCharsets.UTF_8).lines().map(line -> line.split(":", 2))
                .forEach(header -> headers.add(header[0], header[1].getBytes(StandardCharsets.UTF_8)));
        trusted.requireTrustedRemoval(headers, "etcd-a");
    }

    @Test
    void badUsageExitsWithTwo() {
        assertThat(SignCommand.run(List.of("sign", "x.yaml"), quiet, quiet)).isEqualTo(2);
    }

    private static Path copyExample(Path dir) throws Exception {
        Path spec = dir.resolve("etcd-3.yaml");
        try (InputStream example = SignCommandTest.class.getResourceAsStream("/examples/etcd-3.yaml")) {
            Files.copy(example, spec);
        }
        return spec;
    }
}
