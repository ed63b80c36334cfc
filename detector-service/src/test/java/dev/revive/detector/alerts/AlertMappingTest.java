package dev.revive.detector.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.json.EventCodec;
import dev.revive.contracts.json.RejectReason;
import dev.revive.detector.alerts.AlertMapping.Mapped;
import dev.revive.detector.alerts.AlertMapping.Unmapped;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AlertMappingTest {

    private static final ClusterSpec ETCD = sampleSpec();
    private static final Function<String, Optional<ClusterSpec>> CLUSTERS =
            id -> ETCD.id().equals(id) ? Optional.of(ETCD) : Optional.empty();
    private static final AlertMapping DEFAULTS = new AlertMapping(new AlertMapping.Rules("cluster", "instance",
            "([^:]+)(?::[0-9]+)?", "revive_kind", FaultKind.UNHEALTHY, "severity", Severity.WARNING));

    @Test
    void instanceWithPortIsTheNodeAndSeverityAndKindComeFromLabels() {
        AlertMapping.Result result = DEFAULTS.map(labels(Map.of("cluster", "etcd-3", "instance", "infra2:2379",
                "severity", "Critical", "revive_kind", "disk_full")), CLUSTERS);

        assertThat(result).isEqualTo(new Mapped("etcd-3", "infra2", FaultKind.DISK_FULL, Severity.CRITICAL));
    }

    @Test
    void alertWithoutNodeLabelIsClusterWideWithTheDefaults() {
        AlertMapping.Result result = DEFAULTS.map(labels(Map.of("cluster", "etcd-3")), CLUSTERS);

        assertThat(result).isEqualTo(new Mapped("etcd-3", null, FaultKind.UNHEALTHY, Severity.WARNING));
        assertThat(DEFAULTS.map(labels(Map.of("cluster", "etcd-3", "instance", "")), CLUSTERS)).isEqualTo(result);
    }

    @Test
    void kindMayComeFromAnAnnotation() {
        AlertMapping.Result result = DEFAULTS.map(new AlertMapping.Labels(Map.of("cluster", "etcd-3"),
                Map.of("revive_kind", "LOG_ERROR"), label -> label), CLUSTERS);

        assertThat(result).isInstanceOfSatisfying(Mapped.class, mapped -> assertThat(mapped.kind())
                .isEqualTo(FaultKind.LOG_ERROR));
    }

    @Test
    void unknownClusterNodeMissingLabelAndBadKindAreUnmappedNamingTheLabel() {
        assertThat(DEFAULTS.map(labels(Map.of("cluster", "orders")), CLUSTERS))
                .isEqualTo(new Unmapped(RejectReason.UNKNOWN_CLUSTER, "labels.cluster",
                        "cluster 'orders' is not registered", "orders"));
        assertThat(DEFAULTS.map(labels(Map.of("cluster", "etcd-3", "instance", "infra9:2379")), CLUSTERS))
                .isInstanceOfSatisfying(Unmapped.class, unmapped -> {
                    assertThat(unmapped.reason()).isEqualTo(RejectReason.UNKNOWN_NODE);
                    assertThat(unmapped.field()).isEqualTo("labels.instance");
                });
        assertThat(DEFAULTS.map(labels(Map.of("instance", "infra1")), CLUSTERS))
                .isInstanceOfSatisfying(Unmapped.class, unmapped -> assertThat(unmapped.reason())
                        .isEqualTo(RejectReason.MISSING_FIELD));
        assertThat(DEFAULTS.map(labels(Map.of("cluster", "etcd-3", "revive_kind", "RECOVERED")), CLUSTERS))
                .isInstanceOfSatisfying(Unmapped.class, unmapped -> assertThat(unmapped.field())
                        .isEqualTo("labels.revive_kind"));
    }

    @Test
    void nodePatternExtractsTheIdFromAHostName() {
        AlertMapping fqdn = new AlertMapping(new AlertMapping.Rules("cluster", "instance",
                "([a-z0-9]+)\\.etcd\\.example\\.com:[0-9]+", "revive_kind", FaultKind.UNHEALTHY, "severity",
                Severity.WARNING));

        assertThat(fqdn.map(labels(Map.of("cluster", "etcd-3", "instance", "infra3.etcd.example.com:2379")), CLUSTERS))
                .isInstanceOfSatisfying(Mapped.class, mapped -> assertThat(mapped.nodeId()).isEqualTo("infra3"));
        assertThat(fqdn.map(labels(Map.of("cluster", "etcd-3", "instance", "infra3:2379")), CLUSTERS))
                .isInstanceOf(Unmapped.class);
    }

    @Test
    void nodePatternThatIsNoRegexIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new AlertMapping(new AlertMapping.Rules("cluster", "instance", "([a-z", "k",
                FaultKind.UNHEALTHY, "severity", Severity.WARNING)))
                .hasMessageContaining("revive.detector.alerts.node-pattern");
    }

    private static AlertMapping.Labels labels(Map<String, String> labels) {
        return new AlertMapping.Labels(labels, Map.of(), label -> "labels." + label);
    }

    private static ClusterSpec sampleSpec() {
        try (InputStream in = ClusterSpec.class.getResourceAsStream("/samples/cluster-spec.etcd-3.json")) {
            return EventCodec.of(ClusterSpec.class).decode(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
