package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.targets.etcd.EtcdAdapter;
import dev.revive.testkit.EtcdMember;
import dev.revive.testkit.EtcdWal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole etcd runbook on the stack's real 3-member target cluster: each scenario asserts the order of the steps
 * from the step events and the data from the members themselves (serializable reads on each member's endpoint).
 */
class EtcdRunbookIT {

    private static final Duration RECOVERY = Duration.ofMinutes(3);
    private static final int BATCH = 10;

    @TempDir
    static Path runDir;
    private static ReviveStack stack;
    private static Recoveries recoveries;
    private static EtcdAdapter etcd;
    private static OperatorApi api;
    private static Workload workload;

    @BeforeAll
    static void startRevive() throws Exception {
        stack = ReviveStack.start(DemoOptions.locateRepoRoot(), runDir, line -> System.out.println("[e2e] " + line));
        recoveries = new Recoveries(stack.events());
        etcd = new EtcdAdapter(Duration.ofSeconds(2));
        api = new OperatorApi(stack);
        workload = new Workload(stack.target().endpoints());
    }

    @AfterAll
    static void stopRevive() {
        if (workload != null) {
            workload.close();
        }
        if (etcd != null) {
            etcd.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void clusterIsWholeAndNoRecoveryIsUnderWay() {
        WholeTarget.await(stack, recoveries, etcd, RECOVERY);
    }

    @Test
    void sickClusterIsRolledFollowersFirstAndTheLeaderLastAfterHandingLeadershipOn() throws Exception {
        List<EtcdMember> members = stack.target().members();
        EtcdMember first = members.get(0);
        leadershipTo(first);
        BackgroundWrites writes = BackgroundWrites.start(workload, "e2e/rolling", BATCH);

        RollingRestarts roll = RollingRestarts.alert(api, recoveries, ReviveStack.CLUSTER_ID, "EtcdClusterSick");

        int written = writes.stop();
        System.out.println("[etcd-rolling] leader " + first.name() + " at the start; " + roll.trail());
        RollingOrder.assertRolledOneAtATime(roll, members.size(), first.name());
        assertThat(roll.done()).filteredOn(step -> step.action() == Action.MOVE_LEADER)
                .as("only the leader hands leadership on: " + roll.trail())
                .allSatisfy(step -> assertThat(step.status()).isEqualTo(first.name().equals(step.nodeId())
                        ? StepStatus.SUCCEEDED : StepStatus.SKIPPED))
                .hasSize(members.size());
        assertThat(roll.at(first.name(), Action.MOVE_LEADER)).isBefore(roll.at(first.name(), Action.STOP));
        RecoveryReport report = roll.report();
        assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.CONSISTENT);
        System.out.printf("[etcd-rolling] %d keys written during the roll%n", written);
        for (EtcdMember member : members) {
            await(member.name() + " holds every key written during the roll").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> Workload.countOn(member.clientUrl(), "e2e/rolling/") == written);
        }
    }

    @Test
    void memberThatCannotStartIsReplacedAsALearnerPromotedAndHoldsWhatWasWrittenWhileItWasOut() throws Exception {
        EtcdMember victim = stack.followers().get(0);
        long oldId = etcd.status(victim.clientUrl(), null).memberId();
        Instant since = Instant.now();

        stack.target().kill(victim);
        EtcdWal.corrupt(victim);
        int written = workload.write("e2e/replaced", 50);

        MemberReplacement replaced = MemberReplacement.await(recoveries, victim.name(), since, RECOVERY);
        RecoveryPlan restart = replaced.restart();
        RecoveryPlan replacement = replaced.replacement();
        RecoveryReport report = replaced.report();
        List<StepEvent> restartSteps = recoveries.stepsOf(restart);
        List<StepEvent> replaceSteps = recoveries.stepsOf(replacement);
        System.out.println("[etcd-replace] restart " + restartSteps.stream().filter(step -> step.status().isTerminal())
                .map(step -> step.stepId() + " " + step.status() + " " + step.detail()).toList());
        System.out.println("[etcd-replace] replacement " + replaceSteps.stream()
                .filter(step -> step.status().isTerminal())
                .map(step -> step.stepId() + " " + step.status() + " " + step.detail()).toList());
        assertThat(replacement.incidentId()).isEqualTo(restart.incidentId());
        assertThat(restartSteps).as("the restart's start did not bring it back")
                .anySatisfy(step -> {
                    assertThat(step.action()).isIn(Action.START, Action.AWAIT_HEALTHY);
                    assertThat(step.status()).isIn(StepStatus.FAILED, StepStatus.TIMED_OUT);
                });
        assertThat(replacement.steps()).extracting(step -> step.action()).contains(Action.REPLACE_MEMBER);
        assertThat(replaceSteps).filteredOn(step -> step.action() == Action.REPLACE_MEMBER)
                .filteredOn(step -> step.status().isTerminal()).singleElement()
                .satisfies(step -> assertThat(step.status()).isEqualTo(StepStatus.SUCCEEDED));
        assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.CONSISTENT);
        long newId = etcd.status(victim.clientUrl(), null).memberId();
        assertThat(newId).as("a new member in the old one's place").isNotEqualTo(oldId);
        assertThat(etcd.members(stack.target().member(0).clientUrl(), null)).as("it votes again")
                .anySatisfy(member -> {
                    assertThat(member.id()).isEqualTo(newId);
                    assertThat(member.learner()).isFalse();
                });
        await(victim.name() + " holds every key written while it was out").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Workload.countOn(victim.clientUrl(), "e2e/replaced/") == written);
    }

    @Test
    void memberAnOperatorAsksToReplaceIsStoppedReplacedAndHoldsEveryKey() throws Exception {
        EtcdMember member = stack.followers().get(0);
        long oldId = etcd.status(member.clientUrl(), null).memberId();
        int written = workload.write("e2e/asked", 50);
        Instant since = Instant.now();

        assertThat(api.replace(stack.spec().id(), member.name(), "e2e-operator", "its disk was swapped")
                .statusCode()).isEqualTo(202);

        RecoveryReport report = await("the report of " + member.name() + "'s replacement").atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> recoveries.reportFor(member.name(), since), Optional::isPresent).orElseThrow();
        RecoveryPlan plan = recoveries.planOf(report).orElseThrow();
        List<StepEvent> steps = recoveries.stepsOf(plan).stream().filter(step -> step.status().isTerminal()).toList();
        System.out.println("[etcd-asked] " + steps.stream().map(step -> step.stepId() + " " + step.status()).toList());
        assertThat(steps).extracting(StepEvent::action).containsSubsequence(Action.STOP, Action.REPLACE_MEMBER,
                Action.AWAIT_HEALTHY);
        assertThat(steps).filteredOn(step -> step.action() == Action.STOP).singleElement()
                .satisfies(step -> assertThat(step.status()).as("it ran").isEqualTo(StepStatus.SUCCEEDED));
        assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.CONSISTENT);
        assertThat(etcd.status(member.clientUrl(), null).memberId()).as("a new member in its place")
                .isNotEqualTo(oldId);
        await(member.name() + " holds every key").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> Workload.countOn(member.clientUrl(), "e2e/asked/") == written);
    }

    /** Moves the leadership to {@code member}, so that the roll must take another member first. */
    private static void leadershipTo(EtcdMember member) {
        EtcdMember leader = stack.target().leader();
        if (leader.name().equals(member.name())) {
            return;
        }
        long id = etcd.status(member.clientUrl(), null).memberId();
        etcd.moveLeader(leader.clientUrl(), null, id);
        await(member.name() + " leads").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> stack.target().leader().name().equals(member.name()));
    }
}
