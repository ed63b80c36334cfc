package dev.revive.runbooks.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.runbooks.Runbook;
import dev.revive.runbooks.Runbooks;
import dev.revive.runbooks.Specs;
import dev.revive.runbooks.diagnosis.Finding;
import dev.revive.runbooks.disruption.PrimaryReplica;
import dev.revive.runbooks.steps.StepSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedisRunbookTest {

    private final Runbook runbook = Runbooks.standard().forKind(SystemKind.REDIS);
    private final ClusterSpec redis = Specs.cluster(SystemKind.REDIS, Policy.defaults());

    @Test
    void isTheStandardRunbookOfRedisWithThePrimaryReplicaModel() {
        assertThat(runbook).isInstanceOf(RedisRunbook.class);
        assertThat(runbook.disruption()).isInstanceOf(PrimaryReplica.class);
    }

    @Test
    void aNodesFaultStopsItBeforeAnyPromotionAndPutsItBackInTheLoadBalancerLast() {
        List<PlanStep> steps = runbook.recovery(redis, redis.node("n1").orElseThrow(),
                Specs.critical("n1", FaultKind.PROCESS_DOWN), Set.of("n1"), StepSettings.defaults(), true);

        assertThat(steps).extracting(PlanStep::stepId, PlanStep::action, PlanStep::onFailure).containsExactly(
                tuple("01-isolate", Action.ISOLATE, OnFailure.CONTINUE),
                tuple("02-stop", Action.STOP, OnFailure.ABORT),
                tuple("03-force-kill", Action.FORCE_KILL, OnFailure.ABORT),
                tuple("04-promote", Action.PROMOTE, OnFailure.ABORT),
                tuple("05-clean-temp", Action.CLEAN_TEMP, OnFailure.ABORT),
                tuple("06-start", Action.START, OnFailure.ABORT),
                tuple("07-await-healthy", Action.AWAIT_HEALTHY, OnFailure.ABORT),
                tuple("08-await-caught-up", Action.AWAIT_CAUGHT_UP, OnFailure.ABORT),
                tuple("09-rejoin", Action.REJOIN, OnFailure.ABORT));
        assertThat(steps).allSatisfy(step -> assertThat(step.nodeId()).isEqualTo("n1"));
        assertThat(steps).filteredOn(step -> step.action() == Action.STOP || step.action() == Action.FORCE_KILL)
                .allSatisfy(step -> assertThat(step.params().confirmUnresponsive()).isTrue());
    }

    @Test
    void thePromotionIsToldTheFailedNodesLastKnownOffsetFromTheFaultsEvidence() {
        Finding fault = Specs.finding("n1", FaultKind.PROCESS_DOWN, Severity.CRITICAL,
                Map.of(FaultEvent.LAST_POSITION, "48213"));

        List<PlanStep> steps = runbook.recovery(redis, redis.node("n1").orElseThrow(), fault, Set.of("n1"),
                StepSettings.defaults(), true);

        assertThat(steps).filteredOn(step -> step.action() == Action.PROMOTE).singleElement()
                .satisfies(step -> assertThat(step.params().lastKnownPosition()).isEqualTo(48213L));
        assertThat(steps).filteredOn(step -> step.action() != Action.PROMOTE)
                .allSatisfy(step -> assertThat(step.params().lastKnownPosition()).isNull());
    }

    @Test
    void aFaultWithoutAReadableOffsetLeavesTheBoundUnknown() {
        Finding fault = Specs.finding("n1", FaultKind.UNREACHABLE, Severity.CRITICAL,
                Map.of(FaultEvent.LAST_POSITION, "-3; rm"));

        List<PlanStep> steps = runbook.recovery(redis, redis.node("n1").orElseThrow(), fault, Set.of("n1"),
                StepSettings.defaults(), true);

        assertThat(steps).filteredOn(step -> step.action() == Action.PROMOTE).singleElement()
                .satisfies(step -> assertThat(step.params().lastKnownPosition()).isNull());
    }

    @Test
    void aRollingRestartHandsEachNodeOffInsideAWriteFenceBeforeStoppingIt() {
        List<PlanStep> steps = runbook.rollingRestart(redis, StepSettings.defaults());

        assertThat(steps).hasSize(3 * 11);
        assertThat(steps.subList(0, 11)).extracting(PlanStep::stepId).containsExactly("n1.01-isolate",
                "n1.02-fence-writes", "n1.03-promote", "n1.04-unfence", "n1.05-stop", "n1.06-force-kill",
                "n1.07-clean-temp", "n1.08-start", "n1.09-await-healthy", "n1.10-await-caught-up", "n1.11-rejoin");
        assertThat(steps).extracting(PlanStep::nodeId).containsSubsequence("n1", "n2", "n3");
        assertThat(steps).extracting(PlanStep::action).doesNotContain(Action.SNAPSHOT);
    }
}
