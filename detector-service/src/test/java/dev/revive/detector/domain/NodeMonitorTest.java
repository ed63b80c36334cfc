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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NodeMonitorTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30Z");
    private static final NodeRef NODE = new NodeRef("orders", "m1", "http://127.0.0.1:2379");

    private final NodeMonitor monitor = monitorWith(3, 2);

    @Test
    void publishesOneFaultAfterThresholdConsecutiveFailures() {
        // given a node that answered
        feed(Observation.answered());

        // when it refuses two probes, then a third, then five more
        List<FaultEvent> beforeThreshold = feed(refused(), refused());
        NodeState suspect = monitor.state();
        List<FaultEvent> atThreshold = feed(refused());
        List<FaultEvent> afterwards = feed(refused(), refused(), refused(), refused(), refused());

        // then exactly the third failure publishes, once
        assertThat(beforeThreshold).isEmpty();
        assertThat(suspect).isEqualTo(NodeState.SUSPECT);
        assertThat(atThreshold).singleElement().extracting(FaultEvent::kind).isEqualTo(FaultKind.PROCESS_DOWN);
        assertThat(afterwards).isEmpty();
        assertThat(monitor.state()).isEqualTo(NodeState.DOWN);
    }

    @Test
    void aFaultCarriesWhatTheNodeSaidOfItselfInItsLastAnsweredProbe() {
        // given a node that answered as a primary at offset 100, then at offset 250
        feed(Observation.answered(ProbeResult.answered(Map.of(ProbeResult.ROLE, "PRIMARY", ProbeResult.POSITION, "100"))));
        feed(Observation.answered(ProbeResult.answered(Map.of(ProbeResult.ROLE, "PRIMARY", ProbeResult.POSITION, "250"))));

        // when it stops answering
        List<FaultEvent> events = feed(refused(), refused(), refused());

        // then its fault remembers the last offset it answered with
        assertThat(events).singleElement().satisfies(fault -> {
            assertThat(fault.evidence()).containsEntry(FaultEvent.LAST_POSITION, "250");
            assertThat(fault.evidence()).containsEntry(FaultEvent.LAST_ANSWERED + ProbeResult.ROLE, "PRIMARY");
        });
    }

    @Test
    void aFaultOfAKindWhoseProbeSaysNothingOfItselfCarriesNoLastFacts() {
        feed(Observation.answered());

        List<FaultEvent> events = feed(refused(), refused(), refused());

        assertThat(events).singleElement().satisfies(fault -> assertThat(fault.evidence().keySet())
                .noneMatch(key -> key.startsWith(FaultEvent.LAST_ANSWERED)));
    }

    @Test
    void singleSlowAnswerDoesNotFlap() {
        // given a healthy node
        feed(Observation.answered());

        // when single probes time out between answers, and two in a row once
        List<FaultEvent> events = feed(timedOut(), Observation.answered(), timedOut(), Observation.answered(),
                timedOut(), timedOut(), Observation.answered(), Observation.answered());

        // then nothing is published and the node is up
        assertThat(events).isEmpty();
        assertThat(monitor.state()).isEqualTo(NodeState.UP);
    }

    @Test
    void publishesRecoveredOnceWhenNodeAnswersAgain() {
        // given a node reported down
        FaultEvent down = faultAtThreshold(refused());

        // when it answers once, fails once, then answers four times
        List<FaultEvent> flicker = feed(Observation.answered(), refused());
        List<FaultEvent> back = feed(Observation.answered(), Observation.answered());
        List<FaultEvent> steady = feed(Observation.answered(), Observation.answered());

        // then only the second answer in a row publishes one RECOVERED that names the fault it resolves
        assertThat(flicker).isEmpty();
        assertThat(back).singleElement().satisfies(recovered -> {
            assertThat(recovered.kind()).isEqualTo(FaultKind.RECOVERED);
            assertThat(recovered.severity()).isEqualTo(Severity.INFO);
            assertThat(recovered.dedupKey()).isEqualTo("orders/m1/RECOVERED");
            assertThat(recovered.evidence())
                    .containsEntry(Faults.RESOLVES_FAULT_ID, down.faultId())
                    .containsEntry(Faults.RESOLVES, "orders/m1/PROCESS_DOWN")
                    .containsEntry(Faults.CONSECUTIVE_SUCCESSES, "2");
        });
        assertThat(steady).isEmpty();
        assertThat(monitor.state()).isEqualTo(NodeState.UP);
    }

    @Test
    void refusedProbesReportProcessDown() {
        // when a node refuses three probes in a row
        FaultEvent fault = faultAtThreshold(refused());

        // then the fault says the process is down, with the evidence and ids of the contract
        assertThat(fault.kind()).isEqualTo(FaultKind.PROCESS_DOWN);
        assertThat(fault.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(fault.faultId()).isEqualTo("fault-1");
        assertThat(fault.clusterId()).isEqualTo("orders");
        assertThat(fault.nodeId()).isEqualTo("m1");
        assertThat(fault.observedAt()).isEqualTo(NOW);
        assertThat(fault.source()).isEqualTo("/revive/detector");
        assertThat(fault.dedupKey()).isEqualTo("orders/m1/PROCESS_DOWN");
        assertThat(fault.evidence())
                .containsEntry(Faults.ENDPOINT, "http://127.0.0.1:2379")
                .containsEntry(Faults.CONSECUTIVE_FAILURES, "3")
                .containsEntry(Faults.LAST_ERROR, "Connection refused")
                .containsEntry(Faults.PROCESS_ALIVE, "false")
                .containsEntry(Faults.TCP_CLIENT, "refused")
                .containsEntry(Faults.TCP_PEER, "refused");
    }

    @Test
    void timedOutProbesReportUnreachable() {
        // when a node does not answer three probes in a row
        FaultEvent fault = faultAtThreshold(timedOut());

        // then the fault says it is unreachable
        assertThat(fault.kind()).isEqualTo(FaultKind.UNREACHABLE);
        assertThat(fault.dedupKey()).isEqualTo("orders/m1/UNREACHABLE");
        assertThat(fault.evidence()).containsEntry(Faults.LAST_ERROR, "no answer within PT0.5S")
                .containsEntry(Faults.PROCESS_ALIVE, "true")
                .containsEntry(Faults.TCP_CLIENT, "open")
                .containsEntry(Faults.TCP_CONNECT, "open")
                .containsEntry(Faults.TCP_PEER, "open");
    }

    @Test
    void timedOutProbesOfAProcessThatDoesNotRunReportProcessDown() {
        // when a node does not answer in time and its driver finds no process of it
        FaultEvent fault = faultAtThreshold(failed(ProbeResult.timedOut("no answer within PT0.5S"),
                Liveness.NOT_RUNNING, Connect.TIMEOUT));

        // then the process is reported down, and a node without a peer port has no tcpPeer evidence
        assertThat(fault.kind()).isEqualTo(FaultKind.PROCESS_DOWN);
        assertThat(fault.evidence()).containsEntry(Faults.PROCESS_ALIVE, "false").doesNotContainKey(Faults.TCP_PEER);
    }

    @Test
    void errorAnswersWhileTheClientPortRefusesReportProcessDown() {
        // when the probe gets an error while the driver cannot tell and the client port refuses connections
        FaultEvent fault = faultAtThreshold(failed(ProbeResult.failed("connection reset"), Liveness.UNKNOWN,
                Connect.REFUSED));

        // then the process is reported down
        assertThat(fault.kind()).isEqualTo(FaultKind.PROCESS_DOWN);
        assertThat(fault.evidence()).containsEntry(Faults.PROCESS_ALIVE, "unknown");
    }

    @Test
    void errorAnswersOfARunningProcessReportUnreachable() {
        // when a running node answers with errors
        FaultEvent fault = faultAtThreshold(failed(ProbeResult.failed("etcdserver: no leader"), Liveness.RUNNING,
                Connect.OPEN));

        // then it is unreachable, for the planner to confirm over its window
        assertThat(fault.kind()).isEqualTo(FaultKind.UNREACHABLE);
    }

    @Test
    void theLastFailureDecidesTheKind() {
        // when two probes time out and the third is refused
        FaultEvent fault = feed(timedOut(), timedOut(), refused()).get(0);

        // then the process is reported down
        assertThat(fault.kind()).isEqualTo(FaultKind.PROCESS_DOWN);
    }

    @Test
    void thresholdsOfOneReportAtOnce() {
        // given thresholds of one
        NodeMonitor eager = monitorWith(1, 1);

        // when one probe fails and the next answers
        FaultEvent down = eager.observe(refused()).event();
        FaultEvent recovered = eager.observe(Observation.answered()).event();

        // then each publishes at once
        assertThat(down.kind()).isEqualTo(FaultKind.PROCESS_DOWN);
        assertThat(recovered.kind()).isEqualTo(FaultKind.RECOVERED);
    }

    @Test
    void faultKafkaDidNotAcknowledgeIsToldAgainOnceWhileTheNodeIsDown() {
        // given a fault that Kafka did not acknowledge
        FaultEvent down = faultAtThreshold(refused());
        monitor.publishFailed(down);

        // when the node is still down at the next probes
        List<FaultEvent> again = feed(refused());
        List<FaultEvent> later = feed(refused(), refused());

        // then the same fault is told once more, and only once
        assertThat(again).containsExactly(down);
        assertThat(later).isEmpty();
    }

    @Test
    void unacknowledgedFaultIsDroppedWhenTheNodeRecoversFirst() {
        // given an unacknowledged fault of a node that comes back before the next probe tells it again
        FaultEvent down = faultAtThreshold(refused());
        List<FaultEvent> recovering = feed(Observation.answered());
        monitor.publishFailed(down);

        // when the node keeps answering
        List<FaultEvent> back = feed(Observation.answered(), Observation.answered());

        // then the recovery is published, never the stale fault after it
        assertThat(recovering).isEmpty();
        assertThat(back).singleElement().satisfies(event -> assertThat(event.kind()).isEqualTo(FaultKind.RECOVERED));
    }

    @Test
    void unacknowledgedRecoveryIsToldBeforeTheNextFault() {
        // given an unacknowledged recovery
        feed(refused(), refused(), refused());
        FaultEvent recovered = feed(Observation.answered(), Observation.answered()).get(0);
        monitor.publishFailed(recovered);

        // when the node fails again, three times in a row
        List<FaultEvent> events = feed(refused(), refused(), refused());

        // then the recovery is told again first, then the new fault: the order stays true
        assertThat(events).extracting(FaultEvent::kind).containsExactly(FaultKind.RECOVERED, FaultKind.PROCESS_DOWN);
        assertThat(events.get(0)).isEqualTo(recovered);
    }

    @Test
    void unacknowledgedRecoveryIsSupersededByAFaultOfTheSameProbe() {
        // given an eager monitor whose recovery Kafka did not acknowledge
        NodeMonitor eager = monitorWith(1, 1);
        eager.observe(refused());
        FaultEvent recovered = eager.observe(Observation.answered()).event();
        eager.publishFailed(recovered);

        // when the very next probe fails
        Transition next = eager.observe(refused());

        // then only the new fault is published
        assertThat(next.event().kind()).isEqualTo(FaultKind.PROCESS_DOWN);
    }

    private static NodeMonitor monitorWith(int failures, int recoveries) {
        return new NodeMonitor(NODE, new Thresholds(failures, recoveries),
                new Faults(Clock.fixed(NOW, ZoneOffset.UTC), IdSource.sequential(), "/revive/detector"));
    }

    private List<FaultEvent> feed(Observation... results) {
        List<FaultEvent> published = new ArrayList<>();
        Stream.of(results).map(monitor::observe).forEach(transition -> transition.publish().ifPresent(published::add));
        return published;
    }

    /** Feeds {@code observation} as often as the failure threshold (3) asks and returns the fault it published. */
    private FaultEvent faultAtThreshold(Observation observation) {
        return feed(observation, observation, observation).get(0);
    }

    /** A probe that failed with {@code result} on a node without a peer port. */
    private static Observation failed(ProbeResult result, Liveness liveness, Connect client) {
        return Observation.failed(result, new Reachability(liveness, client, null));
    }

    private static Observation refused() {
        return Observation.failed(ProbeResult.refused("Connection refused"),
                new Reachability(Liveness.NOT_RUNNING, Connect.REFUSED, Connect.REFUSED));
    }

    /** A hung process: the probe gets no answer, yet the process runs and the kernel accepts connections. */
    private static Observation timedOut() {
        return Observation.failed(ProbeResult.timedOut("no answer within PT0.5S"),
                new Reachability(Liveness.RUNNING, Connect.OPEN, Connect.OPEN));
    }
}
