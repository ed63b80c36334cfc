package dev.revive.targets.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClientSecurity;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.runbooks.disruption.MemberView;
import dev.revive.targets.TargetException;
import dev.revive.targets.etcd.check.EtcdChecks;
import dev.revive.targets.kind.CheckFinding;
import dev.revive.targets.kind.CheckRequest;
import dev.revive.targets.kind.ProbeResult;
import dev.revive.testkit.EtcdCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The etcd plug-in against a real cluster that serves clients on https only, requires a client certificate and has
 * auth enabled: with the spec's security the probe, the status reader and the checks (hashKV included) work;
 * without the client certificate or with a wrong password every call fails, classified as an error answer (never
 * as a member that is down or hung).
 */
class EtcdSecurityIT {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    private static EtcdCluster cluster;

    private final EtcdAdapter etcd = new EtcdAdapter(CALL_TIMEOUT);

    @BeforeAll
    static void startSecureCluster() {
        cluster = EtcdCluster.startSecure(3);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @AfterEach
    void closeAdapter() {
        etcd.close();
    }

    @Test
    void probeStatusAndChecksWorkWithTheSpecsSecurity() {
        // given
        ClusterSpec spec = spec(cluster.clientSecurity());
        NodeSpec first = spec.nodes().get(0);

        // when
        ProbeResult probe = new EtcdProbe(etcd).probe(spec, first);
        List<MemberView> members = spec.nodes().stream()
                .map(node -> new EtcdStatusReader(etcd).member(spec, node)).toList();
        List<CheckFinding> findings = new EtcdChecks(CALL_TIMEOUT).round(new CheckRequest(spec, null, 3));

        // then
        assertThat(probe.outcome()).isEqualTo(ProbeResult.Outcome.ANSWERED);
        assertThat(members).allSatisfy(member -> assertThat(member.healthy()).as(member.detail()).isTrue());
        assertThat(findings).extracting(finding -> finding.result().name() + " " + finding.result().status())
                .contains("hash-kv-equal PASS", "no-alarms PASS", "members-healthy PASS", "keys-match PASS",
                        "outage-writes-present SKIPPED", "snapshot SKIPPED")
                .filteredOn(line -> !line.endsWith(CheckStatus.SKIPPED.name()))
                .allSatisfy(line -> assertThat(line).endsWith(CheckStatus.PASS.name()));
    }

    @Test
    void withoutTheClientCertificateTheCallFailsAsAnErrorAnswer() {
        // given: the CA and the right user, but no client certificate
        ClientSecurity full = cluster.clientSecurity();
        ClusterSpec spec = spec(new ClientSecurity(full.caFile(), null, null, full.usernameFile(),
                full.passwordFile()));
        String endpoint = spec.nodes().get(0).endpoints().client();

        // when
        TargetException failure = catchThrowableOfType(() -> etcd.status(endpoint, spec.security()),
                TargetException.class);
        ProbeResult probe = new EtcdProbe(etcd).probe(spec, spec.nodes().get(0));

        // then
        assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(TargetException.Kind.FAILED);
        assertThat(failure.getMessage()).contains("TLS handshake failed");
        assertThat(probe.outcome()).isEqualTo(ProbeResult.Outcome.FAILED);
    }

    @Test
    void aWrongPasswordFailsAsRefusedCredentials(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        // given
        ClientSecurity full = cluster.clientSecurity();
        Path wrong = Files.writeString(dir.resolve("password"), "not-the-password\n");
        ClusterSpec spec = spec(new ClientSecurity(full.caFile(), full.certFile(), full.keyFile(),
                full.usernameFile(), wrong.toString()));
        String endpoint = spec.nodes().get(0).endpoints().client();

        // when
        TargetException failure = catchThrowableOfType(() -> etcd.status(endpoint, spec.security()),
                TargetException.class);
        List<CheckFinding> findings = new EtcdChecks(CALL_TIMEOUT).round(new CheckRequest(spec, null, 1));

        // then
        assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(TargetException.Kind.FAILED);
        assertThat(failure.getMessage()).contains("credentials refused");
        assertThat(findings).allSatisfy(finding -> assertThat(finding.result().status()).isNotEqualTo(CheckStatus.PASS));
    }

    private static ClusterSpec spec(ClientSecurity security) {
        List<NodeSpec> nodes = cluster.members().stream().map(member -> new NodeSpec(member.name(), NodeRole.MEMBER,
                new Endpoints(member.clientUrl(), member.peerUrl()), new ProcessControl(member.command(), null, Map.of(),
                        cluster.directory().resolve(member.name() + ".pid").toString(), member.logFile().toString(),
                        Duration.ofSeconds(5)), member.dataDir().toString(), List.of(), List.of())).toList();
        return new ClusterSpec("etcd-tls", SystemKind.ETCD, nodes, Policy.defaults(),
                new BackupLocation(cluster.directory().resolve("backup").toString()), null, null, security);
    }
}
