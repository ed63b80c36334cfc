package dev.revive.runbooks.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.runbooks.Runbooks;
import dev.revive.runbooks.Specs;
import dev.revive.runbooks.disruption.InSyncReplicas;
import dev.revive.runbooks.steps.StepSettings;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KafkaRunbookTest {

    private final ClusterSpec spec = Specs.cluster(SystemKind.KAFKA, Policy.defaults());

    @Test
    void standardRegistryPlansKafkaWithTheInSyncReplicaRule() {
        // when
        var runbook = Runbooks.standard().forKind(SystemKind.KAFKA);

        // then
        assertThat(runbook).isInstanceOf(KafkaRunbook.class);
        assertThat(runbook.disruption()).isInstanceOf(InSyncReplicas.class);
    }

    @Test
    void restartRecordsTheBaselineFromAnotherBrokerFirst() {
        // when
        List<PlanStep> steps = new KafkaRunbook().nodeRestart(spec, spec.nodes().get(0), Set.of(),
                StepSettings.defaults(), false);

        // then
        assertThat(steps).extracting(PlanStep::action).containsExactly(Action.SNAPSHOT, Action.STOP,
                Action.FORCE_KILL, Action.CLEAN_TEMP, Action.START, Action.AWAIT_HEALTHY, Action.AWAIT_CAUGHT_UP);
        assertThat(steps.get(0).params().sourceNodeId()).isEqualTo("n2");
    }
}
