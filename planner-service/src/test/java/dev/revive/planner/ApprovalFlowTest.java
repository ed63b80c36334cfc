package dev.revive.planner;

import static dev.revive.planner.domain.Fixtures.CLUSTER;
import static dev.revive.planner.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.TriageResponse;
import dev.revive.contracts.cluster.TriageRule;
import dev.revive.contracts.decision.DecisionVerdict;
import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.kafka.CloudEventHeaders;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.kafka.EventTypes;
import dev.revive.contracts.kafka.Topic;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.time.IdSource;
import dev.revive.planner.domain.ClusterState;
import dev.revive.planner.domain.Fixtures;
import dev.revive.planner.domain.IncidentPlanner;
import dev.revive.planner.domain.IncidentState;
import dev.revive.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Triage, confirm windows, approval, rejection, expiry and cancellation through the real topology. */
class ApprovalFlowTest {

    private static final Duration TICK = Duration.ofMillis(500);

    @TempDir
    Path stateDir;

    private final MutableClock clock = new MutableClock(T0.plusSeconds(5));
    private TopologyTestDriver driver;
    private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
    private TestOutputTopic<String, RecoveryPlan> plans;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void startDriver() {
        driver = new TopologyTestDriver(PlannerTopology.build(IncidentPlanner.standard(clock, IdSource.sequential()),
                clock, TICK), streamsConfig());
        for (Topic<?, ?> topic : List.of(Topics.CLUSTERS, Topics.FAULTS, Topics.DECISIONS, Topics.EXECUTIONS,
                Topics.REPORTS)) {
            inputs.put(topic.name(), driver.createInputTopic(topic.name(), new ByteArraySerializer(),
                    new ByteArraySerializer()));
        }
        plans = driver.createOutputTopic(Topics.PLANS.name(), Topics.PLANS.keySerde().deserializer(),
                Topics.PLANS.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(Topics.DLQ.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        publish(Topics.CLUSTERS, Fixtures.etcd());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void recoveredWithinTheConfirmWindowCancelsWithoutAPlan() {
        publish(Topics.FAULTS, Fixtures.fault("f-1", "n1", FaultKind.UNREACHABLE, Severity.CRITICAL, Map.of()));
        assertThat(state().incident().state()).isEqualTo(IncidentState.CONFIRMING);

        publish(Topics.FAULTS, Fixtures.recovered("r-1", "n1"));

        assertThat(state().incident().state()).isEqualTo(IncidentState.CANCELLED);
        assertThat(plans.isEmpty()).isTrue();
    }

    @Test
    void confirmWindowThatPassesGivesTheRestartPlan() {
        publish(Topics.FAULTS, Fixtures.fault("f-1", "n1", FaultKind.UNREACHABLE, Severity.CRITICAL, Map.of()));

        advance(Policy.DEFAULT_CONFIRM_WINDOW);

        RecoveryPlan plan = plans.readValue();
        assertThat(plan.mode()).isEqualTo(PlanMode.AUTO);
        assertThat(plan.steps()).filteredOn(step -> step.params().confirmUnresponsive())
                .extracting(step -> step.action()).containsExactly(Action.STOP, Action.FORCE_KILL);
        assertThat(state().incident().state()).isEqualTo(IncidentState.PLANNED);
    }

    @Test
    void diskFullGivesAnApprovalPlanAndApprovalGivesAnAutoRevision() {
        publish(Topics.FAULTS, Fixtures.fault("f-1", "n1", FaultKind.DISK_FULL, Severity.CRITICAL,
                Map.of("line", "No space left on device")));
        RecoveryPlan approval = plans.readValue();

        publish(Topics.DECISIONS, decision("d-1", approval.planId(), DecisionVerdict.APPROVE, false));

        assertThat(approval.mode()).isEqualTo(PlanMode.APPROVAL_REQUIRED);
        assertThat(approval.modeReason()).contains("DISK_FULL", "No space left on device");
        assertThat(approval.diagnosis().findings()).singleElement().asString().contains("No space left on device");
        RecoveryPlan approved = plans.readValue();
        assertThat(approved.planId()).isEqualTo("inc-1-r2");
        assertThat(approved.mode()).isEqualTo(PlanMode.AUTO);
        assertThat(approved.modeReason()).contains("approved by alice");
        assertThat(approved.steps()).hasSize(7);
        assertThat(state().incident().state()).isEqualTo(IncidentState.PLANNED);
    }

    @Test
    void approvalWithDryRunGivesADryRunRevision() {
        publish(Topics.FAULTS, Fixtures.fault("f-1", "n1", FaultKind.DISK_FULL, Severity.CRITICAL, Map.of()));

        publish(Topics.DECISIONS, decision("d-1", plans.readValue().planId(), DecisionVerdict.APPROVE, true));

        assertThat(plans.readValue().mode()).isEqualTo(PlanMode.DRY_RUN);
    }

    @Test
    void approvalIsRefusedWhenTheGuardsObjectNow() {
        publish(Topics.FAULTS, Fixtures.fault("f-1", "n1", FaultKind.DISK_FULL, Severity.CRITICAL, Map.of()));
        String planId = plans.readValue().planId();
        publish(Topics.FAULTS, Fixtures.fault("f-2", "n2"));

        publish(Topics.DECISIONS, decision("d-1", planId, DecisionVerdict.APPROVE, false));

        assertThat(plans.isEmpty()).isTrue();
        assertThat(state().incident().state()).isEqualTo(IncidentState.AWAITING_APPROVAL);
        assertThat(state().incident().note()).contains("refused", "quorum");
    }

    @Test
    void rejectionEscalatesAndTheNextFaultIsPlannedAgain() {
        publish(Topics.FAULTS, Fixtures.fault("f-1", "n1", FaultKind.DISK_FULL, Severity.CRITICAL, Map.of()));

        publish(Topics.DECISIONS, decision("d-1", plans.readValue().planId(), DecisionVerdict.REJECT, false));
        assertThat(state().incident().state()).isEqualTo(IncidentState.ESCALATED);
        publish(Topics.FAULTS, Fixtures.fault("f-2", "n1"));

        assertThat(plans.readValue().planId()).isEqualTo("inc-2-r1");
    }

    @Test
    void unansweredApprovalExpiresToEscalated() {
        publish(Topics.FAULTS, Fixtures.fault("f-1", "n1", FaultKind.DISK_FULL, Severity.CRITICAL, Map.of()));

        advance(Duration.ofMinutes(30));

        assertThat(state().incident().state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(state().incident().note()).contains("expired");
    }

    @Test
    void recoveredBeforeThePlanActsPublishesACancelRevision() {
        publish(Topics.FAULTS, Fixtures.fault("f-1", "n1"));
        publish(Topics.EXECUTIONS, Fixtures.step("inc-1", "inc-1-r1", "01-snapshot", Action.SNAPSHOT));

        publish(Topics.FAULTS, Fixtures.recovered("r-1", "n1"));

        assertThat(plans.readValuesToList()).extracting(RecoveryPlan::planId, RecoveryPlan::mode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("inc-1-r1", PlanMode.AUTO),
                        org.assertj.core.groups.Tuple.tuple("inc-1-r2", PlanMode.CANCEL));
        assertThat(state().incident().state()).isEqualTo(IncidentState.CANCELLED);
    }

    @Test
    void illegalMovesAndUnknownPlansAreDeadLettered() {
        publish(Topics.FAULTS, Fixtures.fault("f-1", "n1", FaultKind.DISK_FULL, Severity.CRITICAL, Map.of()));

        publish(Topics.EXECUTIONS, Fixtures.step("inc-1", "inc-1-r1", "02-stop", Action.STOP));
        publish(Topics.DECISIONS, decision("d-1", "inc-9-r1", DecisionVerdict.APPROVE, false));

        List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).extracting(letter -> DeadLetters.reason(letter.headers()))
                .containsExactly("ILLEGAL_TRANSITION", "UNKNOWN_PLAN");
        assertThat(state().incident().state()).isEqualTo(IncidentState.AWAITING_APPROVAL);
    }

    @Test
    void warningIsANoticeAndClosesTheIncident() {
        publish(Topics.FAULTS, Fixtures.fault("f-1", "n1", FaultKind.UNHEALTHY, Severity.WARNING, Map.of()));

        RecoveryPlan notice = plans.readValue();
        assertThat(notice.mode()).isEqualTo(PlanMode.NOTICE);
        assertThat(notice.steps()).isEmpty();
        assertThat(state().incident().state()).isEqualTo(IncidentState.CLOSED);
        assertThat(state().openFaults()).isEmpty();
    }

    @Test
    void specOverrideRowWins() {
        Policy restartDiskFull = new Policy(PlanMode.AUTO, 1, null, null,
                List.of(new TriageRule(FaultKind.DISK_FULL, null, TriageResponse.RESTART)), null);
        publish(Topics.CLUSTERS, Fixtures.etcd(restartDiskFull));

        publish(Topics.FAULTS, Fixtures.fault("f-1", "n1", FaultKind.DISK_FULL, Severity.CRITICAL, Map.of()));

        assertThat(plans.readValue().mode()).isEqualTo(PlanMode.AUTO);
    }

    private void advance(Duration duration) {
        clock.advance(duration);
        driver.advanceWallClockTime(duration.plus(TICK));
    }

    private static OperatorDecision decision(String id, String planId, DecisionVerdict verdict, boolean dryRun) {
        return new OperatorDecision(id, CLUSTER, planId, verdict, dryRun, "alice", "checked by hand", T0);
    }

    private ClusterState state() {
        return driver.<String, ClusterState>getKeyValueStore(PlannerStores.INCIDENTS).get(CLUSTER);
    }

    private <V> void publish(Topic<String, V> topic, V value) {
        Headers headers = CloudEventHeaders.write(new RecordHeaders(), EventTypes.describe(value, "/test", T0));
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        inputs.get(topic.name()).pipeInput(new TestRecord<>(CLUSTER.getBytes(StandardCharsets.UTF_8), bytes, headers));
    }

    private Properties streamsConfig() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "revive-planner-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, PlannerProductionExceptionHandler.class);
        return props;
    }
}
