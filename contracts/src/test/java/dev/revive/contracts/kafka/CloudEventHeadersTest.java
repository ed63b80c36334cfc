package dev.revive.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.Resources;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CloudEvents binary-mode attributes on Kafka records, and how each record kind maps to them. */
class CloudEventHeadersTest {

    private static final Instant AT = Instant.parse("2025-03-14T09:26:53.500Z");

    @Test
    void writtenAttributesReadBackUnchanged() {
        // given
        CloudEvent event = new CloudEvent("flt-1", "/revive/detector", EventTypes.FAULT, AT, "etcd-3/infra2");

        // when
        Headers headers = CloudEventHeaders.write(new RecordHeaders(), event);

        // then
        assertThat(CloudEventHeaders.read(headers)).contains(event);
        assertThat(CloudEventHeaders.value(headers, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(CloudEventHeaders.value(headers, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(CloudEventHeaders.value(headers, CloudEventHeaders.TIME)).isEqualTo("2025-03-14T09:26:53.500Z");
    }

    @Test
    void writingAgainReplacesEveryAttribute() {
        // given
        Headers headers = CloudEventHeaders.write(new RecordHeaders(),
                new CloudEvent("flt-1", "/revive/detector", EventTypes.FAULT, AT, "etcd-3"));

        // when
        CloudEventHeaders.write(headers, new CloudEvent("flt-2", "/revive/detector", EventTypes.FAULT, AT, "etcd-3"));

        // then
        assertThat(headers.headers(CloudEventHeaders.ID)).hasSize(1);
        assertThat(headers.headers(CloudEventHeaders.SPEC_VERSION)).hasSize(1);
        assertThat(CloudEventHeaders.value(headers, CloudEventHeaders.ID)).isEqualTo("flt-2");
    }

    @Test
    void recordWithoutCloudEventAttributesHasNone() {
        assertThat(CloudEventHeaders.read(new RecordHeaders())).isEmpty();
        assertThat(CloudEventHeaders.read(null)).isEmpty();
    }

    @Test
    void badTimeIsAnInvalidValue() {
        Headers headers = CloudEventHeaders.write(new RecordHeaders(),
                new CloudEvent("flt-1", "/revive/detector", EventTypes.FAULT, AT, "etcd-3"));
        headers.remove(CloudEventHeaders.TIME);
        headers.add(CloudEventHeaders.TIME, "yesterday".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> CloudEventHeaders.read(headers))
                .isInstanceOfSatisfying(InvalidEventException.class, rejection -> {
                    assertThat(rejection.reason()).isEqualTo(RejectReason.INVALID_VALUE);
                    assertThat(rejection.field()).isEqualTo(CloudEventHeaders.TIME);
                });
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "fault-event.process-down.json,        dev.revive.fault.v1,   flt-20250314T092653Z-infra2-process,      etcd-3/infra2",
        "fault-event.insufficient-members.json, dev.revive.fault.v1,  am-3f9c2a71d04be6a5,                      etcd-3",
        "operator-decision.approve.json,       dev.revive.decision.v1, dec-inc-etcd-3-20250314T100211Z-r1-approve, etcd-3",
        "recovery-plan.node-restart.json,      dev.revive.plan.v1,    pln-inc-etcd-3-20250314T092653Z-r1,       etcd-3",
        "step-event.succeeded.json,            dev.revive.step.v1,    exe-pln-inc-etcd-3-20250314T092653Z-r1-start-1-succeeded, etcd-3/infra2",
        "plan-outcome.completed.json,          dev.revive.outcome.v1, exe-pln-inc-etcd-3-20250314T092653Z-r1-completed, etcd-3",
        "recovery-report.consistent.json,      dev.revive.report.v1,  rpt-pln-inc-etcd-3-20250314T092653Z-r1,   etcd-3"
    })
    void describeGivesTheTypeIdAndSubjectOfEachRecordKind(String sample, String type, String id, String subject) {
        // given
        Object record = Resources.typeOf(sample).topic().valueSerde().deserializer()
                .deserialize(Resources.typeOf(sample).topic().name(), Resources.bytes("samples/" + sample));

        // when
        CloudEvent event = EventTypes.describe(record, "/revive/test", AT);

        // then
        assertThat(event).isEqualTo(new CloudEvent(id, "/revive/test", type, AT, subject));
    }

    @Test
    void clusterSpecIsDescribedByItsIdAndContent() {
        CloudEvent event = EventTypes.describe(spec(), "/revive/detector", AT);

        assertThat(event.type()).isEqualTo(EventTypes.CLUSTER);
        assertThat(event.subject()).isEqualTo("etcd-3");
        assertThat(event.id()).matches("etcd-3@[0-9a-f]{16}");
    }

    @Test
    void sameClusterSpecContentGivesTheSameIdAndOtherContentAnother() {
        // given
        ClusterSpec spec = spec();
        ClusterSpec same = spec();
        ClusterSpec other = withEnv(spec, Map.of("GOMAXPROCS", "2"));

        // then
        assertThat(EventTypes.describe(same, "/revive/cli", AT.plusSeconds(60)).id())
                .isEqualTo(EventTypes.describe(spec, "/revive/detector", AT).id());
        assertThat(EventTypes.describe(other, "/revive/detector", AT).id())
                .isNotEqualTo(EventTypes.describe(spec, "/revive/detector", AT).id());
    }

    @Test
    void clusterSpecIdDoesNotDependOnTheOrderOfMapEntries() {
        // given: the same 40 variables, inserted in opposite orders
        Map<String, String> forward = new LinkedHashMap<>();
        IntStream.range(0, 40).forEach(i -> forward.put("ETCD_VAR_" + i, "v" + i));
        List<String> keys = new ArrayList<>(forward.keySet());
        Map<String, String> backward = new LinkedHashMap<>();
        for (int i = keys.size() - 1; i >= 0; i--) {
            backward.put(keys.get(i), forward.get(keys.get(i)));
        }

        // when
        ClusterSpec a = withEnv(spec(), forward);
        ClusterSpec b = withEnv(spec(), backward);
        String json = new String(Topics.CLUSTERS.valueSerde().serializer().serialize(Topics.CLUSTERS.name(), a),
                StandardCharsets.UTF_8);

        // then: keys are written sorted, so the hash is the same in every JVM
        assertThat(EventTypes.describe(a, "/revive/detector", AT).id())
                .isEqualTo(EventTypes.describe(b, "/revive/detector", AT).id());
        assertThat(json.indexOf("\"ETCD_VAR_0\"")).isLessThan(json.indexOf("\"ETCD_VAR_1\""));
        assertThat(json.indexOf("\"ETCD_VAR_1\"")).isLessThan(json.indexOf("\"ETCD_VAR_10\""));
        assertThat(json.indexOf("\"ETCD_VAR_38\"")).isLessThan(json.indexOf("\"ETCD_VAR_39\""));
    }

    @Test
    void describeRejectsWhatIsNotAReviveRecord() {
        assertThatThrownBy(() -> EventTypes.describe("a string", "/revive/test", AT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A fresh decode of the JSON sample each time: equal content, another instance. */
    private static ClusterSpec spec() {
        return Topics.CLUSTERS.valueSerde().deserializer()
                .deserialize(Topics.CLUSTERS.name(), Resources.bytes("samples/cluster-spec.etcd-3.json"));
    }

    private static ClusterSpec withEnv(ClusterSpec spec, Map<String, String> env) {
        NodeSpec first = spec.nodes().get(0);
        ProcessControl control = (ProcessControl) first.control();
        NodeSpec changed = new NodeSpec(first.id(), first.role(), first.endpoints(),
                new ProcessControl(control.command(), control.workingDir(), env, control.pidFile(), control.logFile(),
                        control.stopTimeout()),
                first.dataDir(), first.logPaths(), first.tempPaths());
        List<NodeSpec> nodes = new ArrayList<>(spec.nodes());
        nodes.set(0, changed);
        return new ClusterSpec(spec.id(), spec.kind(), nodes, spec.policy(), spec.backup());
    }
}
