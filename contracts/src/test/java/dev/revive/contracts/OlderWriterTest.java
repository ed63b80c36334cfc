package dev.revive.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Fields added within v1 are optional on the wire: a record written before they existed (or by another
 * system that leaves them out) still reads, with the documented default.
 */
class OlderWriterTest {

    @Test
    void planWithoutDiagnosisOrConfirmUnresponsiveReadsWithNoneAndFalse() {
        // given: the node-restart sample as a writer before this version wrote it
        ObjectNode plan = (ObjectNode) Resources.tree(Resources.bytes("samples/recovery-plan.node-restart.json"));
        plan.remove("diagnosis");
        plan.withArray("steps").forEach(step -> ((ObjectNode) step.path("params")).remove("confirmUnresponsive"));

        // when
        RecoveryPlan read = Topics.PLANS.valueSerde().deserializer().deserialize(Topics.PLANS.name(), bytes(plan));

        // then
        assertThat(read.diagnosis()).isNull();
        assertThat(read.steps()).isNotEmpty().allSatisfy(step -> assertThat(step.params().confirmUnresponsive()).isFalse());
        assertThat(Resources.validate(Resources.typeOf("recovery-plan"), plan)).isEmpty();
    }

    @Test
    void reportWithoutDiagnosisReadsWithNone() {
        ObjectNode report = (ObjectNode) Resources.tree(Resources.bytes("samples/recovery-report.with-diagnosis.json"));
        report.remove("diagnosis");

        RecoveryReport read = Topics.REPORTS.valueSerde().deserializer().deserialize(Topics.REPORTS.name(), bytes(report));

        assertThat(read.diagnosis()).isNull();
    }

    @Test
    void decisionWithoutDryRunIsNotADryRun() {
        // given: a reject, which has no reason to mention dry runs
        ObjectNode decision = (ObjectNode) Resources.tree(Resources.bytes("samples/operator-decision.approve.json"));
        decision.put("verdict", "REJECT");
        decision.remove("dryRun");

        // when
        OperatorDecision read = Topics.DECISIONS.valueSerde().deserializer().deserialize(Topics.DECISIONS.name(),
                bytes(decision));

        // then
        assertThat(read.dryRun()).isFalse();
        assertThat(Resources.validate(Resources.typeOf("operator-decision"), decision)).isEmpty();
    }

    private static byte[] bytes(ObjectNode json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
