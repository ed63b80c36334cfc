package dev.revive.detector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.time.IdSource;
import dev.revive.detector.domain.Reachability.Connect;
import dev.revive.detector.domain.Reachability.Liveness;
import dev.revive.targets.kind.ProbeResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void watchFindingIsACriticalSustainedFaultKeyedByItsCondition() {
        // given the faults of a detector
        Faults faults = new Faults(Clock.fixed(NOW, ZoneOffset.UTC), IdSource.sequential(), "/revive/detector");

        // when a log rule's finding becomes a fault
        FaultEvent fault = faults.found(new NodeRef("orders", "m1", "http://127.0.0.1:2379"),
                new Finding(FaultKind.LOG_ERROR, "too-many-open-files", Map.of("rule", "too-many-open-files")));

        // then it is critical, sustained, and its dedup key names the condition
        assertThat(fault.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(fault.observedAt()).isEqualTo(NOW);
        assertThat(fault.dedupKey()).isEqualTo("orders/m1/LOG_ERROR/too-many-open-files");
        assertThat(fault.evidence()).containsEntry(Faults.SUSTAINED, "true").containsEntry("rule", "too-many-open-files");
    }

    @Test
    void runningNodeWhosePortNothingReachesIsAWarningSuspectingTheNetworkNotACriticalFault() {
        // given the faults of a detector, and a node whose process runs but whose client port does not answer
        Faults faults = new Faults(Clock.fixed(NOW, ZoneOffset.UTC), IdSource.sequential(), "/revive/detector");
        Observation cutOff = Observation.failed(ProbeResult.timedOut("deadline exceeded"),
                new Reachability(Liveness.RUNNING, Connect.TIMEOUT, Connect.TIMEOUT));

        // when it becomes a fault
        FaultEvent fault = faults.down(new NodeRef("orders", "m2", "http://10.77.0.2:2379"), cutOff, 2);

        // then it is UNREACHABLE but only a WARNING (a restart cannot repair a network), saying what is suspected
        assertThat(fault.kind()).isEqualTo(FaultKind.UNREACHABLE);
        assertThat(fault.severity()).isEqualTo(Severity.WARNING);
        assertThat(fault.evidence()).containsEntry(Faults.SUSPECTED, Faults.NETWORK_CUT);
    }

    @Test
    void runningNodeWhosePortAcceptsButWhoseProbeTimesOutIsCritical() {
        // given a hung process: the kernel still accepts its port
        Faults faults = new Faults(Clock.fixed(NOW, ZoneOffset.UTC), IdSource.sequential(), "/revive/detector");
        Observation hung = Observation.failed(ProbeResult.timedOut("deadline exceeded"),
                new Reachability(Liveness.RUNNING, Connect.OPEN, Connect.OPEN));

        // when it becomes a fault
        FaultEvent fault = faults.down(new NodeRef("orders", "m2", "http://127.0.0.1:2379"), hung, 2);

        // then it is a critical UNREACHABLE, with no network suspicion
        assertThat(fault.kind()).isEqualTo(FaultKind.UNREACHABLE);
        assertThat(fault.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(fault.evidence()).doesNotContainKey(Faults.SUSPECTED);
    }

    @Test
    void downNodeSaysWhichOtherMembersDidNotAnswerEither() {
        // given a killed member, once with every other member answering and once with two others failing too
        Faults faults = new Faults(Clock.fixed(NOW, ZoneOffset.UTC), IdSource.sequential(), "/revive/detector");
        Reachability refused = new Reachability(Liveness.NOT_RUNNING, Connect.REFUSED, Connect.REFUSED);
        NodeRef node = new NodeRef("orders", "m1", "http://127.0.0.1:2379");

        // when each becomes a fault
        FaultEvent alone = faults.down(node, Observation.failed(ProbeResult.refused("refused"), refused,
                java.util.List.of()), 2);
        FaultEvent together = faults.down(node, Observation.failed(ProbeResult.refused("refused"), refused,
                java.util.List.of("m2", "m3")), 2);
        FaultEvent unknown = faults.down(node, Observation.failed(ProbeResult.refused("refused"), refused), 2);

        // then the evidence says so, and says nothing when it is not known
        assertThat(alone.evidence()).containsEntry(Faults.OTHERS_NOT_ANSWERING, Faults.NO_OTHERS);
        assertThat(together.evidence()).containsEntry(Faults.OTHERS_NOT_ANSWERING, "m2, m3");
        assertThat(unknown.evidence()).doesNotContainKey(Faults.OTHERS_NOT_ANSWERING);
    }
}
