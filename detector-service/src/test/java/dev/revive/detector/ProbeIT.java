package dev.revive.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.kafka.CloudEventHeaders;
import dev.revive.contracts.kafka.EventTypes;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.trust.SpecHeaders;
import dev.revive.contracts.trust.SpecSignature;
import dev.revive.contracts.trust.TrustedKeys;
import dev.revive.detector.domain.Faults;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.EtcdMember;
import dev.revive.testkit.InjectEtcdCluster;
import dev.revive.testkit.InjectKafkaBroker;
import dev.revive.testkit.KafkaBroker;
import dev.revive.testkit.Signals;
import dev.revive.testkit.TestSigningKey;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(DetectorTestProfile.class)
class ProbeIT {

    private static final Logger LOG = Logger.getLogger(ProbeIT.class);
    private static final String SOURCE = "/revive/detector";
    /** Long enough for several probes to fail or succeed after an event. */
    /** The kinds the probes publish; log and resource faults share the source but are not the probes'. */
    private static final Set<FaultKind> PROBE_KINDS = EnumSet.of(FaultKind.PROCESS_DOWN, FaultKind.UNREACHABLE,
            FaultKind.UNHEALTHY, FaultKind.RECOVERED);
    private static final Duration QUIET = Duration.ofMillis(DetectorTestProfile.PROBE_INTERVAL_MS * 8L);

    @InjectKafkaBroker
    KafkaBroker broker;
    @InjectEtcdCluster
    EtcdCluster etcd;

    @Test
    void signedSpecIsPublishedWithItsSignatureAndTheBrokenUnsignedAndForgedOnesAreNot() {
        try (TopicReader<ClusterSpec> clusters = new TopicReader<>(broker.bootstrapServers(), Topics.CLUSTERS)) {
            // when the application has started
            List<ConsumerRecord<String, ClusterSpec>> records = clusters.awaitRecords(Duration.ofSeconds(30),
                    seen -> seen.stream().anyMatch(record -> SpecDirectoryResource.CLUSTER_ID.equals(record.key())));

            // then the valid spec is on the topic, keyed by its id, with CloudEvent headers
            ConsumerRecord<String, ClusterSpec> record = records.stream()
                    .filter(candidate -> SpecDirectoryResource.CLUSTER_ID.equals(candidate.key())).findFirst().get();
            assertThat(record.value().nodes()).extracting(NodeSpec::id).containsExactly("m0", "m1", "m2");
            assertThat(TopicReader.header(record, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.CLUSTER);
            assertThat(TopicReader.header(record, CloudEventHeaders.SOURCE)).isEqualTo(SOURCE);
            assertThat(TopicReader.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(SpecDirectoryResource.CLUSTER_ID);
            assertThat(TopicReader.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(TopicReader.header(record, CloudEventHeaders.ID)).startsWith(SpecDirectoryResource.CLUSTER_ID + "@");
            // and its signature headers verify against the trusted key
            assertThat(TrustedKeys.load(List.of(TestSigningKey.PUBLIC_KEY)).verify(
                    SpecSignature.canonicalBytes(record.value()), TopicReader.header(record, SpecHeaders.SIGNATURE),
                    TopicReader.header(record, SpecHeaders.KEY_ID)).trusted()).isTrue();
            // and the broken, unsigned and forged ones are not published
            assertThat(records).extracting(ConsumerRecord::key).doesNotContain("broken",
                    SpecDirectoryResource.UNSIGNED_ID, SpecDirectoryResource.FORGED_ID);
            assertThat(clusters.poll()).extracting(ConsumerRecord::key).doesNotContain("broken",
                    SpecDirectoryResource.UNSIGNED_ID, SpecDirectoryResource.FORGED_ID);
        }
    }

    @Test
    void killedMemberIsReportedDownOnceAndRecoveredOnce() {
        EtcdMember victim = etcd.member(1);
        try (TopicReader<FaultEvent> faults = new TopicReader<>(broker.bootstrapServers(), Topics.FAULTS)) {
            // given a healthy cluster that the detector has nothing to say about
            etcd.awaitHealthy(Duration.ofSeconds(10));
            assertThat(probeFaults(faults.poll(), victim)).isEmpty();

            // when a member is killed with SIGKILL
            Instant killedAt = Instant.now();
            long killedNanos = System.nanoTime();
            etcd.kill(victim);
            List<FaultEvent> down = probeFaults(faults.awaitRecords(Duration.ofSeconds(20),
                    seen -> !probeFaults(seen, victim).isEmpty()), victim);
            long onTopicMs = (System.nanoTime() - killedNanos) / 1_000_000;

            // then exactly one PROCESS_DOWN is published, and no more while it stays down
            FaultEvent fault = down.get(0);
            LOG.infof("detection latency: kill -> observedAt %d ms, kill -> on %s %d ms",
                    Duration.between(killedAt, fault.observedAt()).toMillis(), Topics.FAULTS, onTopicMs);
            assertThat(fault.kind()).isEqualTo(FaultKind.PROCESS_DOWN);
            assertThat(fault.dedupKey()).isEqualTo(SpecDirectoryResource.CLUSTER_ID + "/" + victim.name() + "/PROCESS_DOWN");
            assertThat(fault.evidence()).containsEntry(Faults.ENDPOINT, victim.clientUrl())
                    .containsEntry(Faults.CONSECUTIVE_FAILURES, Integer.toString(DetectorTestProfile.FAILURE_THRESHOLD))
                    .containsEntry(Faults.PROCESS_ALIVE, "false")
                    .containsEntry(Faults.TCP_CLIENT, "refused")
                    .containsEntry(Faults.TCP_PEER, "refused");
            await().during(QUIET).atMost(QUIET.plusSeconds(5))
                    .until(() -> probeFaults(faults.poll(), victim).size() == 1);

            // when it is restarted
            etcd.restart(victim);
            faults.awaitRecords(Duration.ofSeconds(30),
                    seen -> probeFaults(seen, victim).stream().anyMatch(FaultEvent::isRecovery));

            // then exactly one RECOVERED follows, resolving that fault
            await().during(QUIET).atMost(QUIET.plusSeconds(5))
                    .until(() -> probeFaults(faults.poll(), victim).size() == 2);
            List<FaultEvent> all = probeFaults(faults.poll(), victim);
            assertThat(all).extracting(FaultEvent::kind).containsExactly(FaultKind.PROCESS_DOWN, FaultKind.RECOVERED);
            assertThat(all.get(1).evidence()).containsEntry(Faults.RESOLVES_FAULT_ID, fault.faultId());
        }
    }

    @Test
    void hungMemberIsReportedUnreachableWhileItsProcessLivesWithoutDelayingTheOthers() throws Exception {
        EtcdMember hung = etcd.member(2);
        EtcdMember killed = etcd.member(0);
        try (TopicReader<FaultEvent> faults = new TopicReader<>(broker.bootstrapServers(), Topics.FAULTS)) {
            // given a healthy cluster
            etcd.awaitHealthy(Duration.ofSeconds(10));
            int before = probeFaults(faults.poll(), hung).size();
            int killedBefore = probeFaults(faults.poll(), killed).size();

            // when one member hangs (SIGSTOP) and, once it is reported, another is killed
            signal(hung, "STOP");
            faults.awaitRecords(Duration.ofSeconds(20), seen -> probeFaults(seen, hung).size() > before);
            long killedNanos = System.nanoTime();
            etcd.kill(killed);
            faults.awaitRecords(Duration.ofSeconds(20), seen -> probeFaults(seen, killed).size() > killedBefore);
            long detectedMs = (System.nanoTime() - killedNanos) / 1_000_000;
            LOG.infof("kill of %s detected in %d ms while %s hangs", killed.name(), detectedMs, hung.name());

            // then the hung one is UNREACHABLE: its process lives and its ports accept connections
            FaultEvent unreachable = probeFaults(faults.poll(), hung).get(before);
            assertThat(unreachable.kind()).isEqualTo(FaultKind.UNREACHABLE);
            assertThat(unreachable.evidence()).containsEntry(Faults.PROCESS_ALIVE, "true")
                    .containsEntry(Faults.TCP_CLIENT, "open")
                    .containsEntry(Faults.TCP_PEER, "open");
            // and the killed one is PROCESS_DOWN, detected as fast as when nothing hangs
            assertThat(probeFaults(faults.poll(), killed).get(killedBefore).kind()).isEqualTo(FaultKind.PROCESS_DOWN);

            // when the hung one is resumed (SIGCONT)
            signal(hung, "CONT");
            List<FaultEvent> afterResume = probeFaults(faults.awaitRecords(Duration.ofSeconds(20),
                    seen -> probeFaults(seen, hung).size() > before + 1), hung);

            // then it is RECOVERED, resolving the UNREACHABLE
            assertThat(afterResume.get(before + 1).kind()).isEqualTo(FaultKind.RECOVERED);
            assertThat(afterResume.get(before + 1).evidence()).containsEntry(Faults.RESOLVES_FAULT_ID,
                    unreachable.faultId());
        } finally {
            signal(hung, "CONT");
            if (!killed.isAlive()) {
                etcd.restart(killed);
            }
            etcd.awaitHealthy(Duration.ofSeconds(20));
        }
    }

    private static void signal(EtcdMember member, String signal) {
        assertThat(Signals.send(member.pid().orElseThrow(), signal)).as("kill -" + signal).isTrue();
    }

    /** The faults the detector's probes published about {@code member}. */
    private static List<FaultEvent> probeFaults(List<ConsumerRecord<String, FaultEvent>> records, EtcdMember member) {
        return records.stream()
                .map(ConsumerRecord::value)
                .filter(fault -> member.name().equals(fault.nodeId()) && SOURCE.equals(fault.source()))
                .filter(fault -> PROBE_KINDS.contains(fault.kind()))
                .toList();
    }
}
