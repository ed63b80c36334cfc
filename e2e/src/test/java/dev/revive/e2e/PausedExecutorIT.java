package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.targets.etcd.EtcdAdapter;
import dev.revive.testkit.EtcdMember;
import dev.revive.testkit.Signals;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two executors in one consumer group; the one that runs a plan is frozen (SIGSTOP) right after its first step event
 * and kept frozen past its lease TTL and its group session. The other executor must take the plan over and finish
 * it, the member must be started once, and the frozen one, resumed (SIGCONT), must never act on that plan again.
 */
class PausedExecutorIT {

    private static final Duration RECOVERY = Duration.ofMinutes(2);
    private static final String GROUP = "revive-executor";

    @TempDir
    static Path runDir;
    private static ReviveStack stack;
    private static Recoveries recoveries;
    private static EtcdAdapter etcd;
    private static Admin admin;
    private static Map<String, ServiceProcess> executors;

    @BeforeAll
    static void startReviveWithTwoExecutors() throws Exception {
        stack = ReviveStack.startWithTwoExecutors(DemoOptions.locateRepoRoot(), runDir,
                line -> System.out.println("[e2e] " + line));
        recoveries = new Recoveries(stack.events());
        etcd = new EtcdAdapter(Duration.ofSeconds(2));
        admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.broker().bootstrapServers()));
        executors = Map.of("executor-1", stack.service("executor"),
                "executor-2", stack.service(ReviveStack.SECOND_EXECUTOR));
    }

    @AfterAll
    static void stopRevive() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
        if (etcd != null) {
            etcd.close();
        }
        if (stack != null) {
            executors.values().forEach(executor -> Signals.send(executor.pid(), "CONT"));
            stack.close();
        }
    }

    @Test
    void pausedLockHolderLosesThePlanToTheOtherExecutorAndNeverActsOnItAgain() {
        // given: both executors in the group, the cluster whole
        await("both executors in the group").atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> groupClients().size() == 2);
        EtcdMember member = stack.followers().get(0);
        Instant since = Instant.now();
        AtomicReference<StepEvent> pausedAfter = new AtomicReference<>();
        stack.events().onEntry(entry -> {
            if (entry.value() instanceof StepEvent step && Objects.equals(step.nodeId(), member.name())
                    && !step.at().isBefore(since) && pausedAfter.compareAndSet(null, step)) {
                Signals.send(executors.get(step.executorId()).pid(), "STOP");
            }
        });

        // when: a member dies and the executor that runs its plan is frozen after its first step event
        stack.target().kill(member);
        StepEvent first = await("first step event of the plan for " + member.name()).atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(100)).until(pausedAfter::get, Objects::nonNull);
        String pausedId = first.executorId();
        ServiceProcess paused = executors.get(pausedId);
        String otherId = pausedId.equals("executor-1") ? "executor-2" : "executor-1";
        RecoveryPlan plan = stack.events().plans().stream().filter(p -> p.planId().equals(first.planId()))
                .findFirst().orElseThrow();
        System.out.println("[e2e] " + pausedId + " frozen after " + first.action() + " " + first.status());

        // then: the other executor takes the plan over and completes it; the member is started once
        RecoveryReport report = await("report of " + plan.planId()).atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> recoveries.reportsOf(List.of(plan)), reports -> !reports.isEmpty()).get(0);
        assertThat(report.planId()).isEqualTo(plan.planId());
        assertThat(outcomesOf(plan)).singleElement()
                .satisfies(outcome -> assertThat(outcome.executorId()).isEqualTo(otherId));
        assertThat(recoveries.stepsOf(plan)).filteredOn(step -> step.action() == Action.START
                && step.status() == StepStatus.SUCCEEDED).as("successful START steps").hasSize(1);
        assertThat(memberProcesses(member)).as("processes of " + member.name()).hasSize(1);
        long pid = memberProcesses(member).get(0).pid();
        assertThat(etcd.isHealthy(member.clientUrl())).isTrue();
        assertThat(paused.isAlive()).as(pausedId + " still exists, frozen").isTrue();
        long pausedSteps = stepsBy(plan, pausedId);

        // when: the frozen executor is resumed
        assertThat(Signals.send(paused.pid(), "CONT")).isTrue();

        // then: once it is back in the group and ready, it has emitted nothing more and started nothing
        await(pausedId + " back in the group and ready").atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> groupClients().stream().anyMatch(client -> client.startsWith(pausedId + "-"))
                        && paused.isReady());
        await("nothing more from " + pausedId).during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    assertThat(recoveries.stepsOf(plan)).as("step events of " + pausedId + "\n" + paused.logTail())
                            .filteredOn(step -> step.executorId().equals(pausedId)).hasSize((int) pausedSteps);
                    assertThat(outcomesOf(plan)).as("outcomes").hasSize(1);
                    assertThat(memberProcesses(member)).as("processes of " + member.name())
                            .extracting(ProcessHandle::pid).containsExactly(pid);
                });
        assertThat(recoveries.reportsOf(List.of(plan))).hasSize(1);
        assertThat(recoveries.stepsOf(plan)).filteredOn(step -> step.action() == Action.START
                && step.status() == StepStatus.SUCCEEDED).hasSize(1);
    }

    private static List<PlanOutcome> outcomesOf(RecoveryPlan plan) {
        return stack.events().executions().stream().filter(PlanOutcome.class::isInstance).map(PlanOutcome.class::cast)
                .filter(outcome -> outcome.planId().equals(plan.planId())).toList();
    }

    private static long stepsBy(RecoveryPlan plan, String executorId) {
        return recoveries.stepsOf(plan).stream().map(ExecutionEvent::executorId).filter(executorId::equals).count();
    }

    /** The running processes of {@code member} on this machine, found by its data directory. */
    private static List<ProcessHandle> memberProcesses(EtcdMember member) {
        String dataDir = member.dataDir().toString();
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().orElse("").contains(dataDir)).toList();
    }

    /** The client ids of the members of the executors' consumer group now. */
    private static List<String> groupClients() throws ExecutionException, InterruptedException, TimeoutException {
        return admin.describeConsumerGroups(List.of(GROUP)).all().get(5, TimeUnit.SECONDS).get(GROUP).members()
                .stream().map(MemberDescription::clientId).toList();
    }
}
