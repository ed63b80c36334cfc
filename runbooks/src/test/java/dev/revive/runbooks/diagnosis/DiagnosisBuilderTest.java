package dev.revive.runbooks.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.plan.Diagnosis;
import dev.revive.contracts.plan.DiagnosisScope;
import dev.revive.runbooks.Specs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiagnosisBuilderTest {

    private final DiagnosisBuilder builder = DiagnosisBuilder.standard();

    @Test
    void oneNodeCarriesItsFindingWithEvidence() {
        Finding full = Specs.finding("n1", FaultKind.DISK_FULL, Severity.CRITICAL,
                Map.of("line", "No space left on device", "file", "/var/log/n1.log"));

        Diagnosis diagnosis = builder.diagnose(Specs.etcd(), List.of(full), Specs.T0);

        assertThat(diagnosis.scope()).isEqualTo(DiagnosisScope.ONE_NODE);
        assertThat(diagnosis.since()).isEqualTo(Specs.T0);
        assertThat(diagnosis.nodes()).containsExactly("n1");
        assertThat(diagnosis.findings()).singleElement().asString()
                .contains("n1", "DISK_FULL", "CRITICAL", "probe", "file=/var/log/n1.log, line=No space left on device");
    }

    @Test
    void twoNodesCloseInTimeAreCascadingFarApartSeveral() {
        Finding first = Specs.critical("n1", FaultKind.PROCESS_DOWN);
        Finding soon = new Finding("n2", FaultKind.PROCESS_DOWN, Severity.CRITICAL, "probe", Specs.T0.plusSeconds(5),
                Map.of());
        Finding late = new Finding("n2", FaultKind.PROCESS_DOWN, Severity.CRITICAL, "probe",
                Specs.T0.plus(DiagnosisBuilder.DEFAULT_CASCADE_WINDOW).plusSeconds(1), Map.of());

        assertThat(builder.diagnose(Specs.etcd(), List.of(soon, first), Specs.T0).scope())
                .isEqualTo(DiagnosisScope.CASCADING);
        assertThat(builder.diagnose(Specs.etcd(), List.of(first, late), Specs.T0).scope())
                .isEqualTo(DiagnosisScope.SEVERAL_NODES);
    }

    @Test
    void everyNodeOrANodelessFindingIsClusterWide() {
        List<Finding> all = List.of(Specs.critical("n1", FaultKind.PROCESS_DOWN),
                Specs.critical("n2", FaultKind.PROCESS_DOWN), Specs.critical("n3", FaultKind.PROCESS_DOWN));

        assertThat(builder.diagnose(Specs.etcd(), all, Specs.T0).scope()).isEqualTo(DiagnosisScope.CLUSTER_WIDE);
        Diagnosis nodeless = builder.diagnose(Specs.etcd(), List.of(Specs.critical(null, FaultKind.UNHEALTHY)),
                Specs.T0);
        assertThat(nodeless.scope()).isEqualTo(DiagnosisScope.CLUSTER_WIDE);
        assertThat(nodeless.nodes()).isEmpty();
    }
}
