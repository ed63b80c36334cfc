package dev.revive.detector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.kafka.Topics;
import dev.revive.detector.domain.Faults;
import dev.revive.detector.logs.LogWatch;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.EtcdMember;
import dev.revive.testkit.InjectEtcdCluster;
import dev.revive.testkit.InjectKafkaBroker;
import dev.revive.testkit.KafkaBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(DetectorTestProfile.class)
class LogRuleIT {

    @InjectKafkaBroker
    KafkaBroker broker;
    @InjectEtcdCluster
    EtcdCluster etcd;

    @Test
    void tooManyOpenFilesInAMembersLogIsReportedAsLogErrorCarryingTheLine() throws IOException {
        EtcdMember member = etcd.member(1);
        String line = "2026-11-30T10:00:00Z W | rafthttp: accept tcp " + member.peerUrl()
                + ": accept4: Too many open files; retrying in 5ms";
        try (TopicReader<FaultEvent> faults = new TopicReader<>(broker.bootstrapServers(), Topics.FAULTS)) {
            // given a running member whose log the detector follows (its rule: two such lines within a minute)
            etcd.awaitHealthy(Duration.ofSeconds(10));

            // when the member's log gets two "Too many open files" lines, the way the process writes them
            Files.writeString(member.logFile(), line + "\n" + line + "\n", StandardOpenOption.APPEND);
            List<FaultEvent> logErrors = logErrors(faults.awaitRecords(Duration.ofSeconds(20),
                    seen -> !logErrors(seen, member).isEmpty()), member);

            // then one critical LOG_ERROR carries the line, its file and the rule
            FaultEvent fault = logErrors.get(0);
            assertThat(fault.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(fault.dedupKey()).isEqualTo(SpecDirectoryResource.CLUSTER_ID + "/" + member.name()
                    + "/LOG_ERROR/" + SpecDirectoryResource.TOO_MANY_OPEN_FILES.name());
            assertThat(fault.evidence())
                    .containsEntry(LogWatch.LINE, line)
                    .containsEntry(LogWatch.FILE, member.logFile().toString())
                    .containsEntry(LogWatch.RULE, SpecDirectoryResource.TOO_MANY_OPEN_FILES.name())
                    .containsEntry(LogWatch.MATCHES, "2")
                    .containsEntry(Faults.SUSTAINED, "true");
        }
    }

    private static List<FaultEvent> logErrors(List<ConsumerRecord<String, FaultEvent>> records, EtcdMember member) {
        return records.stream().map(ConsumerRecord::value)
                .filter(fault -> member.name().equals(fault.nodeId()) && fault.kind() == FaultKind.LOG_ERROR)
                .toList();
    }
}
