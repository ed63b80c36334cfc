package dev.revive.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import dev.revive.contracts.Resources.WireType;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.CheckSpec;
import dev.revive.contracts.cluster.CheckSpec.Aggregate;
import dev.revive.contracts.cluster.ClusterSpecLoader;
import dev.revive.contracts.cluster.LogRule;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The checked-in samples are what the code reads and writes, and what the published schemas allow. */
class GoldenSampleTest {

    private static final List<String> SCHEMAS = List.of("cluster-spec.v1.schema.json", "fault-event.v1.schema.json",
            "operator-decision.v1.schema.json", "recovery-plan.v1.schema.json", "execution-event.v1.schema.json",
            "recovery-report.v1.schema.json");

    static Stream<String> samples() throws IOException {
        try (Stream<Path> files = Files.list(Resources.path("samples"))) {
            return files.map(file -> file.getFileName().toString()).sorted().toList().stream();
        }
    }

    static Stream<String> schemas() {
        return SCHEMAS.stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void sampleRoundTripsThroughItsTopicSerdeUnchanged(String sample) {
        // given
        byte[] original = Resources.bytes("samples/" + sample);
        Serde<Object> serde = serdeOf(Resources.typeOf(sample));

        // when
        Object decoded = serde.deserializer().deserialize(Resources.typeOf(sample).topic().name(), original);
        byte[] written = serde.serializer().serialize(Resources.typeOf(sample).topic().name(), decoded);

        // then
        assertThat(decoded).isNotNull();
        assertThat(Resources.tree(written)).isEqualTo(Resources.tree(original));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void sampleIsValidUnderItsSchema(String sample) {
        WireType type = Resources.typeOf(sample);

        assertThat(Resources.validate(type, Resources.tree(Resources.bytes("samples/" + sample)))).isEmpty();
    }

    @Test
    void everyWireTypeHasASample() throws IOException {
        assertThat(samples().map(sample -> Resources.typeOf(sample).schema()).distinct())
                .containsExactlyInAnyOrderElementsOf(SCHEMAS);
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void schemaIsAValidDraft202012SchemaWithItsFileNameAsId(String schema) {
        // given
        JsonNode document = Resources.tree(Resources.bytes("schemas/" + schema));
        JsonSchema metaSchema = Resources.schema("https://json-schema.org/draft/2020-12/schema");

        // then
        assertThat(metaSchema.validate(document)).isEmpty();
        assertThat(document.path("$id").asText()).isEqualTo(Resources.SCHEMA_BASE + schema);
        assertThat(document.path("title").asText()).isNotBlank();
    }

    @Test
    void nodeRestartPlanStopsCleansAndRestartsOneMemberInSevenSteps() {
        RecoveryPlan plan = Topics.PLANS.valueSerde().deserializer()
                .deserialize(Topics.PLANS.name(), Resources.bytes("samples/recovery-plan.node-restart.json"));

        assertThat(plan.steps()).extracting(PlanStep::action).containsExactly(Action.SNAPSHOT, Action.STOP,
                Action.FORCE_KILL, Action.CLEAN_TEMP, Action.START, Action.AWAIT_HEALTHY, Action.AWAIT_CAUGHT_UP);
        assertThat(plan.steps()).extracting(PlanStep::nodeId).containsOnly(null, "infra2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"etcd-3", "zookeeper-3"})
    void exampleSpecLoadsAndIsTheClusterOfTheJsonSample(String cluster) {
        // when
        ClusterSpec example = ClusterSpecLoader.load(Resources.path("examples/" + cluster + ".yaml"));

        // then
        ClusterSpec sample = Topics.CLUSTERS.valueSerde().deserializer()
                .deserialize(Topics.CLUSTERS.name(), Resources.bytes("samples/cluster-spec." + cluster + ".json"));
        assertThat(example).isEqualTo(sample);
        assertThat(example.nodes()).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"etcd-3", "zookeeper-3"})
    void exampleSpecAsJsonIsValidUnderTheClusterSpecSchema(String cluster) {
        // given
        ClusterSpec example = ClusterSpecLoader.load(Resources.path("examples/" + cluster + ".yaml"));

        // when
        byte[] json = Topics.CLUSTERS.valueSerde().serializer().serialize(Topics.CLUSTERS.name(), example);

        // then
        assertThat(Resources.validate(Resources.typeOf("cluster-spec"), Resources.tree(json))).isEmpty();
    }

    @Test
    void zookeeperExampleDeclaresItsChecksAndOverridesDetection() {
        // when
        ClusterSpec zookeeper = ClusterSpecLoader.load(Resources.path("examples/zookeeper-3.yaml"));

        // then
        assertThat(zookeeper.kind()).isEqualTo(SystemKind.GENERIC);
        assertThat(zookeeper.checks()).extracting(CheckSpec::name, CheckSpec::aggregate, CheckSpec::probes).containsExactly(
                tuple("ruok", Aggregate.EVERY_NODE, true), tuple("serving", Aggregate.EVERY_NODE, false),
                tuple("one-leader", Aggregate.EXACTLY_ONE, false), tuple("followers-synced", Aggregate.EXACTLY_ONE, false),
                tuple("znodes-caught-up", Aggregate.CAUGHT_UP, false));
        assertThat(zookeeper.checks()).allSatisfy(check -> assertThat(check.type()).isEqualTo(CheckSpec.Type.FOUR_LETTER));
        assertThat(zookeeper.detection().logRules()).extracting(LogRule::name)
                .containsExactly("too-many-open-files", "disk-full", "slow-fsync");
        assertThat(zookeeper.detection().resources().memoryBytes()).isEqualTo(1L << 30);
        assertThat(zookeeper.policy().triage()).hasSize(2);
    }

    @Test
    void cancelAndNoticePlansHaveNoStepsAndTheApprovalPlanCarriesItsDiagnosis() {
        assertThat(plan("recovery-plan.cancel.json").mode()).isEqualTo(PlanMode.CANCEL);
        assertThat(plan("recovery-plan.cancel.json").steps()).isEmpty();
        assertThat(plan("recovery-plan.notice.json").mode()).isEqualTo(PlanMode.NOTICE);
        assertThat(plan("recovery-plan.notice.json").steps()).isEmpty();
        assertThat(plan("recovery-plan.approval-with-diagnosis.json").diagnosis().nodes()).containsExactly("infra3");
    }

    @Test
    void nodeRestartPlanReconfirmsTheFaultBeforeItSignalsTheNode() {
        assertThat(plan("recovery-plan.node-restart.json").steps())
                .filteredOn(step -> step.params().confirmUnresponsive())
                .extracting(PlanStep::action).containsExactly(Action.STOP, Action.FORCE_KILL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fault-event.process-down.json", "recovery-plan.node-restart.json",
        "recovery-plan.approval-with-diagnosis.json", "step-event.succeeded.json", "plan-outcome.completed.json",
        "recovery-report.consistent.json", "recovery-report.with-diagnosis.json", "operator-decision.approve.json"})
    void eventSchemasAllowUnknownPropertiesLikeTheTolerantReader(String sample) {
        // given
        ObjectNode newer = (ObjectNode) Resources.tree(Resources.bytes("samples/" + sample));
        newer.put("addedInV1dot1", "a field this reader does not know");

        // then
        assertThat(Resources.validate(Resources.typeOf(sample), newer)).isEmpty();
    }

    @Test
    void clusterSpecSchemaRejectsUnknownPropertiesLikeTheLoader() {
        // given
        ObjectNode spec = (ObjectNode) Resources.tree(Resources.bytes("samples/cluster-spec.etcd-3.json"));
        ((ObjectNode) spec.path("nodes").path(0)).putArray("tempPath").add("/var/lib/revive/etcd-3/infra1/tmp");

        // then
        assertThat(Resources.validate(Resources.typeOf("cluster-spec"), spec))
                .anySatisfy(message -> assertThat(message.getMessage()).contains("tempPath"));
    }

    private static RecoveryPlan plan(String sample) {
        return Topics.PLANS.valueSerde().deserializer().deserialize(Topics.PLANS.name(), Resources.bytes("samples/" + sample));
    }

    @SuppressWarnings("unchecked")
    private static Serde<Object> serdeOf(WireType type) {
        return (Serde<Object>) type.topic().valueSerde();
    }
}
