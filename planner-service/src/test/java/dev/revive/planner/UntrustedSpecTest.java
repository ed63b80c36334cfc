package dev.revive.planner;

import static dev.revive.planner.TopologyHarness.utf8;
import static dev.revive.planner.domain.Fixtures.CLUSTER;
import static dev.revive.planner.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.kafka.CloudEventHeaders;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.kafka.EventTypes;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.trust.SignedSpec;
import dev.revive.contracts.trust.SigningKeys;
import dev.revive.contracts.trust.SpecHeaders;
import dev.revive.contracts.trust.SpecSignature;
import dev.revive.planner.domain.Fixtures;
import dev.revive.testkit.TestSigningKey;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Only specs signed by a trusted operator key register a cluster; others are dead letters. */
class UntrustedSpecTest {

    @RegisterExtension
    final TopologyHarness planner = new TopologyHarness();

    @Test
    void unsignedSpecIsDeadLetteredAndItsClusterStaysUnknown() {
        // given: a spec without signature headers
        ClusterSpec spec = Fixtures.etcd();
        byte[] bytes = Topics.CLUSTERS.valueSerde().serializer().serialize(Topics.CLUSTERS.name(), spec);

        // when: it arrives, then a fault of its cluster
        planner.pipe(Topics.CLUSTERS, new TestRecord<>(utf8(CLUSTER), bytes, cloudEvent(spec)));
        planner.publish(Topics.FAULTS, CLUSTER, Fixtures.fault("f-1", "n1"));

        // then: the spec is an UNTRUSTED_SPEC dead letter, and the fault finds no cluster (no plan)
        assertThat(DeadLetters.reason(planner.deadLetters().readRecord().headers())).isEqualTo("UNTRUSTED_SPEC");
        assertThat(DeadLetters.reason(planner.deadLetters().readRecord().headers())).isEqualTo("UNKNOWN_CLUSTER");
        assertThat(planner.plans().isEmpty()).isTrue();
    }

    @Test
    void specSignedByAnUntrustedKeyUnderATrustedKeyIdIsDeadLettered() {
        // given: a spec signed by a stranger's key that claims the trusted key's id
        ClusterSpec spec = Fixtures.etcd();
        SignedSpec forged = SignedSpec.sign(spec, SigningKeys.generate().getPrivate());
        Headers headers = SpecHeaders.write(cloudEvent(spec), new SignedSpec(spec, forged.bytes(),
                SigningKeys.keyId(SigningKeys.publicKey(TestSigningKey.PUBLIC_KEY)), forged.signature()));

        // when: it arrives, then a fault of its cluster
        planner.pipe(Topics.CLUSTERS, new TestRecord<>(utf8(CLUSTER), forged.bytes(), headers));
        planner.publish(Topics.FAULTS, CLUSTER, Fixtures.fault("f-1", "n1"));

        // then: dead letter UNTRUSTED_SPEC, no plan
        assertThat(DeadLetters.reason(planner.deadLetters().readRecord().headers())).isEqualTo("UNTRUSTED_SPEC");
        assertThat(planner.plans().isEmpty()).isTrue();
    }

    @Test
    void signedSpecRegistersTheCluster() {
        // given: a spec signed with the trusted test key
        planner.publish(Topics.CLUSTERS, CLUSTER, Fixtures.etcd());

        // when: a fault of its cluster arrives
        planner.publish(Topics.FAULTS, CLUSTER, Fixtures.fault("f-1", "n1"));

        // then: a plan, no dead letter
        assertThat(planner.plans().readRecord().value().clusterId()).isEqualTo(CLUSTER);
        assertThat(planner.deadLetters().isEmpty()).isTrue();
    }

    @Test
    void unsignedTombstoneIsDeadLetteredAndTheClusterStaysRegistered() {
        // given: a registered cluster
        planner.publish(Topics.CLUSTERS, CLUSTER, Fixtures.etcd());

        // when: a tombstone without signature arrives for it, then a fault of the cluster
        planner.pipe(Topics.CLUSTERS, new TestRecord<>(utf8(CLUSTER), (byte[]) null, new RecordHeaders()));
        planner.publish(Topics.FAULTS, CLUSTER, Fixtures.fault("f-1", "n1"));

        // then: the tombstone is an UNTRUSTED_SPEC dead letter and the fault is still planned
        assertThat(DeadLetters.reason(planner.deadLetters().readRecord().headers())).isEqualTo("UNTRUSTED_SPEC");
        assertThat(planner.plans().readRecord().value().clusterId()).isEqualTo(CLUSTER);
    }

    private static Headers cloudEvent(ClusterSpec spec) {
        return CloudEventHeaders.write(new RecordHeaders(), EventTypes.describe(spec, "/test", T0));
    }
}
