package dev.revive.executor.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Which plans the executor runs. */
class PlanTriageTest {

    private final ClusterSpec spec = Fixtures.cluster(Path.of("/srv/revive-test"));
    private final Function<String, Optional<ClusterSpec>> registered =
            id -> id.equals(spec.id()) ? Optional.of(spec) : Optional.empty();
    private final PlanTriage triage = new PlanTriage();

    @Test
    void autoPlanOfARegisteredClusterRuns() {
        assertThat(triage.triage(plan(1, PlanMode.AUTO), registered)).isEqualTo(new PlanTriage.Verdict.Run(spec));
    }

    @Test
    void plansThatAreNotAutoAreNotRun() {
        PlanTriage.Verdict approval = triage.triage(plan(1, PlanMode.APPROVAL_REQUIRED), registered);
        PlanTriage.Verdict dryRun = triage.triage(plan(2, PlanMode.DRY_RUN), registered);

        assertThat(approval).isInstanceOf(PlanTriage.Verdict.Pass.class);
        assertThat(((PlanTriage.Verdict.Pass) approval).reason()).contains("APPROVAL_REQUIRED", "restart budget");
        assertThat(((PlanTriage.Verdict.Pass) dryRun).reason()).contains("DRY_RUN");
    }

    @Test
    void supersededRevisionIsNotStarted() {
        triage.observe(plan(2, PlanMode.AUTO));

        PlanTriage.Verdict verdict = triage.triage(plan(1, PlanMode.AUTO), registered);

        assertThat(((PlanTriage.Verdict.Pass) verdict).reason()).contains("superseded by revision 2");
        assertThat(triage.triage(plan(2, PlanMode.AUTO), registered)).isInstanceOf(PlanTriage.Verdict.Run.class);
    }

    @Test
    void planOfAnUnknownClusterIsRejected() {
        PlanTriage.Verdict verdict = triage.triage(plan(1, PlanMode.AUTO), id -> Optional.empty());

        assertThat(((PlanTriage.Verdict.Reject) verdict).reason()).contains("etcd-a is not registered");
    }

    private static RecoveryPlan plan(int revision, PlanMode mode) {
        return Fixtures.plan("inc-7", revision, mode, List.of());
    }
}
