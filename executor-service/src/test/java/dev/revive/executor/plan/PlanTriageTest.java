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
    void dryRunPlanRunsToBeDescribed() {
        assertThat(triage.triage(plan(1, PlanMode.DRY_RUN), registered)).isEqualTo(new PlanTriage.Verdict.Run(spec));
    }

    @Test
    void approvalNoticeAndCancelPlansAreNotRun() {
        PlanTriage.Verdict approval = triage.triage(Fixtures.plan("inc-a", 1, PlanMode.APPROVAL_REQUIRED, List.of()),
                registered);
        PlanTriage.Verdict notice = triage.triage(Fixtures.plan("inc-n", 1, PlanMode.NOTICE, List.of()), registered);
        PlanTriage.Verdict cancel = triage.triage(plan(2, PlanMode.CANCEL), registered);

        assertThat(((PlanTriage.Verdict.Pass) approval).reason()).contains("APPROVAL_REQUIRED", "restart budget");
        assertThat(((PlanTriage.Verdict.Pass) notice).reason()).contains("NOTICE", "AUTO and DRY_RUN plans only");
        assertThat(((PlanTriage.Verdict.Pass) cancel).reason()).contains("CANCEL", "withdraws");
    }

    @Test
    void onlyANewerCancelRevisionOfTheSameIncidentWithdrawsARunningPlan() {
        RecoveryPlan running = plan(1, PlanMode.AUTO);

        assertThat(PlanTriage.withdrawal(running, plan(2, PlanMode.CANCEL))).hasValueSatisfying(
                reason -> assertThat(reason).contains("revision 2 of incident inc-7 cancels it"));
        assertThat(PlanTriage.withdrawal(running, plan(2, PlanMode.AUTO))).isEmpty();
        assertThat(PlanTriage.withdrawal(running, plan(1, PlanMode.CANCEL))).isEmpty();
        assertThat(PlanTriage.withdrawal(running, Fixtures.plan("inc-8", 2, PlanMode.CANCEL, List.of()))).isEmpty();
    }

    @Test
    void supersededRevisionIsNotStarted() {
        triage.observe(plan(2, PlanMode.AUTO));

        PlanTriage.Verdict verdict = triage.triage(plan(1, PlanMode.AUTO), registered);

        assertThat(((PlanTriage.Verdict.Pass) verdict).reason()).contains("superseded by revision 2");
        assertThat(triage.triage(plan(2, PlanMode.AUTO), registered)).isInstanceOf(PlanTriage.Verdict.Run.class);
    }

    @Test
    void rememberedIncidentsAreCappedAndTheLeastRecentlySeenIsForgottenFirst() {
        // given a triage that remembers two incidents, having seen inc-a (revision 3) and then inc-b
        PlanTriage bounded = new PlanTriage(2);
        bounded.observe(Fixtures.plan("inc-a", 3, PlanMode.AUTO, List.of()));
        bounded.observe(Fixtures.plan("inc-b", 1, PlanMode.AUTO, List.of()));

        // when inc-a is seen again and a third incident arrives
        bounded.observe(Fixtures.plan("inc-a", 3, PlanMode.AUTO, List.of()));
        bounded.observe(Fixtures.plan("inc-c", 1, PlanMode.AUTO, List.of()));

        // then only two incidents are kept: inc-b, least recently seen, is forgotten; inc-a still supersedes
        assertThat(bounded.size()).isEqualTo(2);
        assertThat(bounded.triage(Fixtures.plan("inc-a", 2, PlanMode.AUTO, List.of()), registered))
                .isInstanceOf(PlanTriage.Verdict.Pass.class);
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
