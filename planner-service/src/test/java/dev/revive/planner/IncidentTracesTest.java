package dev.revive.planner;

import static dev.revive.planner.domain.Fixtures.CLUSTER;
import static dev.revive.planner.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.decision.DecisionVerdict;
import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.kafka.CloudEventHeaders;
import dev.revive.contracts.kafka.EventTypes;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.tracing.Tracing;
import dev.revive.planner.domain.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every plan revision of an incident is published in the trace of the fault that opened it. */
class IncidentTracesTest {

    private static final String FAULT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String FAULT_TRACEPARENT = "00-" + FAULT_TRACE + "-00f067aa0ba902b7-01";

    @RegisterExtension
    final TopologyHarness planner = new TopologyHarness();

    @BeforeEach
    void registerTheCluster() {
        planner.publish(Topics.CLUSTERS, CLUSTER, Fixtures.etcd());
    }

    @Test
    void thePlanAndItsApprovedRevisionContinueTheTraceOfTheFaultThatOpenedTheIncident() {
        publishTraced(Fixtures.fault("f-1", "n1", FaultKind.DISK_FULL, Severity.CRITICAL, Map.of()));
        TestRecord<String, RecoveryPlan> approval = planner.plans().readRecord();

        planner.publish(Topics.DECISIONS, CLUSTER, new OperatorDecision("d-1", CLUSTER, approval.value().planId(),
                DecisionVerdict.APPROVE, false, "alice", "checked", T0));
        TestRecord<String, RecoveryPlan> approved = planner.plans().readRecord();

        assertThat(approval.value().mode()).isEqualTo(PlanMode.APPROVAL_REQUIRED);
        assertThat(approved.value().mode()).isEqualTo(PlanMode.AUTO);
        assertThat(Tracing.traceId(approval.headers())).contains(FAULT_TRACE);
        assertThat(Tracing.traceId(approved.headers())).contains(FAULT_TRACE);
        assertThat(traceparent(approval.headers())).isNotEqualTo(FAULT_TRACEPARENT);
    }

    @Test
    void aPlanDecidedOnATickAfterTheConfirmWindowIsInTheFaultsTrace() {
        publishTraced(Fixtures.fault("f-1", "n1", FaultKind.UNREACHABLE, Severity.CRITICAL, Map.of()));

        planner.advance(Policy.DEFAULT_CONFIRM_WINDOW);

        assertThat(Tracing.traceId(planner.plans().readRecord().headers())).contains(FAULT_TRACE);
    }

    @Test
    void anIncidentOpenedByAnUntracedFaultBeginsItsOwnTraceAndKeepsIt() {
        planner.publish(Topics.FAULTS, CLUSTER,
                Fixtures.fault("f-1", "n1", FaultKind.DISK_FULL, Severity.CRITICAL, Map.of()));
        TestRecord<String, RecoveryPlan> approval = planner.plans().readRecord();

        planner.publish(Topics.DECISIONS, CLUSTER, new OperatorDecision("d-1", CLUSTER, approval.value().planId(),
                DecisionVerdict.APPROVE, true, "alice", "dry run first", T0));
        TestRecord<String, RecoveryPlan> dryRun = planner.plans().readRecord();

        assertThat(Tracing.traceId(approval.headers())).isPresent();
        assertThat(Tracing.traceId(dryRun.headers())).isEqualTo(Tracing.traceId(approval.headers()));
    }

    private void publishTraced(FaultEvent fault) {
        Headers headers = CloudEventHeaders.write(new RecordHeaders(), EventTypes.describe(fault, "/test", T0));
        headers.add(Tracing.TRACEPARENT, FAULT_TRACEPARENT.getBytes(StandardCharsets.UTF_8));
        planner.pipe(Topics.FAULTS, new TestRecord<>(CLUSTER.getBytes(StandardCharsets.UTF_8),
                Topics.FAULTS.valueSerde().serializer().serialize(Topics.FAULTS.name(), fault), headers));
    }

    private static String traceparent(Headers headers) {
        return new String(headers.lastHeader(Tracing.TRACEPARENT).value(), StandardCharsets.UTF_8);
    }
}
