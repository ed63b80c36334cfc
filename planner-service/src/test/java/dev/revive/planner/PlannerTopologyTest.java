package dev.revive.planner;

import static dev.revive.planner.TopologyHarness.utf8;
import static dev.revive.planner.domain.Fixtures.CLUSTER;
import static dev.revive.planner.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.kafka.CloudEventHeaders;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.kafka.EventTypes;
import dev.revive.contracts.kafka.Topic;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.Verdict;
import dev.revive.contracts.trust.SpecSignature;
import dev.revive.planner.domain.ClusterState;
import dev.revive.planner.domain.Fixtures;
import dev.revive.planner.domain.IncidentState;
import dev.revive.testkit.TestSigningKey;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Plans with CloudEvent headers, dead letters of records that break the contract, and incidents closing. */
class PlannerTopologyTest {

    @RegisterExtension
    final TopologyHarness planner = new TopologyHarness();

    @Test
    void emitsOnePlanPerIncidentWithCloudEventHeaders() {
        publish(Topics.CLUSTERS, CLUSTER, Fixtures.etcd());

        publish(Topics.FAULTS, CLUSTER, Fixtures.fault("f-1", "n1"));
        publish(Topics.FAULTS, CLUSTER, Fixtures.fault("f-2", "n2"));

        TestRecord<String, RecoveryPlan> plan = planner.plans().readRecord();
        assertThat(plan.key()).isEqualTo(CLUSTER);
        assertThat(plan.value().planId()).isEqualTo("inc-1-r1");
        assertThat(plan.value().reason()).containsExactly("f-1");
        Headers headers = plan.headers();
        assertThat(header(headers, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(headers, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.PLAN);
        assertThat(header(headers, CloudEventHeaders.SOURCE)).isEqualTo("/revive/planner");
        assertThat(header(headers, CloudEventHeaders.ID)).isEqualTo("inc-1-r1");
        assertThat(header(headers, CloudEventHeaders.SUBJECT)).isEqualTo(CLUSTER);
        assertThat(header(headers, CloudEventHeaders.TIME)).isEqualTo(planner.clock().instant().toString());
        assertThat(header(headers, CloudEventHeaders.CONTENT_TYPE)).isEqualTo(CloudEventHeaders.JSON);
        assertThat(planner.plans().isEmpty()).isTrue();
        assertThat(incidentState().incident().faultIds()).containsExactly("f-1", "f-2");
    }

    @Test
    void hundredDuplicateFaultsGiveOnePlan() {
        publish(Topics.CLUSTERS, CLUSTER, Fixtures.etcd());

        for (int i = 0; i < 100; i++) {
            publish(Topics.FAULTS, CLUSTER, Fixtures.fault("f-" + i, "n1", FaultKind.PROCESS_DOWN, "down-n1",
                    T0.plusMillis(i)));
        }

        assertThat(planner.plans().readValuesToList()).singleElement()
                .satisfies(plan -> assertThat(plan.reason()).containsExactly("f-0"));
        assertThat(planner.deadLetters().isEmpty()).isTrue();
    }

    @Test
    void faultOfUnknownClusterGoesToDeadLetters() {
        publish(Topics.CLUSTERS, CLUSTER, Fixtures.etcd());
        FaultEvent stranger = new FaultEvent("f-1", "etcd-x", "n1", FaultKind.PROCESS_DOWN, Severity.CRITICAL, T0,
                "probe", Map.of(), "down-n1");

        publish(Topics.FAULTS, "etcd-x", stranger);

        TestRecord<byte[], byte[]> letter = planner.deadLetters().readRecord();
        assertThat(DeadLetters.reason(letter.headers())).isEqualTo("UNKNOWN_CLUSTER");
        assertThat(header(letter.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.FAULTS.name());
        assertThat(header(letter.headers(), DeadLetters.SERVICE)).isEqualTo("planner-service");
        assertThat(letter.value()).isEqualTo(Topics.FAULTS.valueSerde().serializer().serialize(null, stranger));
        assertThat(header(letter.headers(), CloudEventHeaders.ID)).isEqualTo("f-1");
        assertThat(planner.plans().isEmpty()).isTrue();
    }

    @Test
    void garbageBytesGoToDeadLettersAndProcessingGoesOn() {
        publish(Topics.CLUSTERS, CLUSTER, Fixtures.etcd());

        planner.pipe(Topics.FAULTS, new TestRecord<>(utf8(CLUSTER), utf8("{not json")));
        planner.pipe(Topics.REPORTS, new TestRecord<>(utf8(CLUSTER), (byte[]) null));
        publish(Topics.FAULTS, CLUSTER, Fixtures.fault("f-1", "n1"));

        assertThat(planner.deadLetters().readRecordsToList()).extracting(letter -> DeadLetters.reason(letter.headers()))
                .containsExactly("MALFORMED", "MALFORMED");
        assertThat(planner.plans().readValuesToList()).singleElement()
                .satisfies(plan -> assertThat(plan.reason()).containsExactly("f-1"));
    }

    @Test
    void recordsThatBreakTheContractGoToDeadLetters() {
        publish(Topics.CLUSTERS, CLUSTER, Fixtures.etcd());

        publish(Topics.FAULTS, "etcd-b", Fixtures.fault("f-1", "n1"));
        publish(Topics.FAULTS, CLUSTER, Fixtures.fault("f-2", "n9"));
        Headers wrongType = new RecordHeaders();
        CloudEventHeaders.write(wrongType, EventTypes.describe(Fixtures.fault("f-3", "n1"), "/test", T0));
        wrongType.remove(CloudEventHeaders.TYPE).add(CloudEventHeaders.TYPE, utf8("dev.revive.fault.v2"));
        planner.pipe(Topics.FAULTS, new TestRecord<>(utf8(CLUSTER),
                Topics.FAULTS.valueSerde().serializer().serialize(null, Fixtures.fault("f-3", "n1")), wrongType));

        assertThat(planner.deadLetters().readRecordsToList()).extracting(letter -> DeadLetters.reason(letter.headers()))
                .containsExactly("INVALID_VALUE", "UNKNOWN_NODE", "UNSUPPORTED_VERSION");
        assertThat(planner.plans().isEmpty()).isTrue();
    }

    @Test
    void consistentReportClosesIncidentSoALaterFaultOpensANewOne() {
        publish(Topics.CLUSTERS, CLUSTER, Fixtures.etcd());
        publish(Topics.FAULTS, CLUSTER, Fixtures.fault("f-1", "n1"));

        publish(Topics.REPORTS, CLUSTER, Fixtures.report("inc-1", Verdict.CONSISTENT));
        assertThat(incidentState().incident().state()).isEqualTo(IncidentState.CLOSED);
        publish(Topics.FAULTS, CLUSTER, Fixtures.fault("f-2", "n1"));

        assertThat(planner.plans().readValuesToList()).extracting(RecoveryPlan::planId).containsExactly("inc-1-r1", "inc-2-r1");
    }

    @Test
    void abortedPlanEscalatesIncident() {
        publish(Topics.CLUSTERS, CLUSTER, Fixtures.etcd());
        publish(Topics.FAULTS, CLUSTER, Fixtures.fault("f-1", "n1"));

        publish(Topics.EXECUTIONS, CLUSTER, Fixtures.outcome("inc-1", Outcome.PLAN_ABORTED));

        assertThat(incidentState().incident().state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(planner.plans().readValuesToList()).hasSize(1);
    }

    @Test
    void removedClusterNoLongerAcceptsFaults() {
        publish(Topics.CLUSTERS, CLUSTER, Fixtures.etcd());

        Headers signedRemoval = TestSigningKey.signInto(new RecordHeaders(), SpecSignature.removalBytes(CLUSTER));
        planner.pipe(Topics.CLUSTERS, new TestRecord<>(utf8(CLUSTER), (byte[]) null, signedRemoval));
        publish(Topics.FAULTS, CLUSTER, Fixtures.fault("f-1", "n1"));

        assertThat(DeadLetters.reason(planner.deadLetters().readRecord().headers())).isEqualTo("UNKNOWN_CLUSTER");
        assertThat(planner.plans().isEmpty()).isTrue();
    }

    private ClusterState incidentState() {
        return planner.incidentState();
    }

    private <V> void publish(Topic<String, V> topic, String key, V value) {
        planner.publish(topic, key, value);
    }

    private static String header(Headers headers, String key) {
        return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
