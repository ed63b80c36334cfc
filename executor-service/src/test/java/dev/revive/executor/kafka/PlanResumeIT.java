package dev.revive.executor.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.time.IdSource;
import dev.revive.executor.lock.CoordinationLocks;
import dev.revive.executor.lock.EtcdClusterLock;
import dev.revive.executor.plan.ExecutionEvents;
import dev.revive.executor.plan.Fixtures;
import dev.revive.executor.plan.HeldLock;
import dev.revive.executor.plan.PlanJob;
import dev.revive.executor.plan.PlanResult;
import dev.revive.executor.plan.PlanRunner;
import dev.revive.executor.plan.RetryPolicy;
import dev.revive.executor.plan.RunControl;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.action.Pacer;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.KafkaBroker;
import dev.revive.testkit.TopicSpec;
import io.etcd.jetcd.Client;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A restarted executor reads a plan's step events back from Kafka and continues after the last done step. */
class PlanResumeIT {

    private static KafkaBroker broker;
    private static EtcdCluster coordination;

    @BeforeAll
    static void startBrokerAndCoordinationEtcd() {
        broker = KafkaBroker.start();
        broker.createTopics(List.of(new TopicSpec(Topics.Names.EXECUTIONS, 1, false)));
        coordination = EtcdCluster.start(1);
    }

    @AfterAll
    static void stop() {
        coordination.close();
        broker.close();
    }

    @Test
    void restartedExecutorResumesAfterTheLastDoneStep() throws Exception {
        // given: executor A did steps 1-3, started step 4 and died there, holding the lock
        RecoveryPlan plan = Fixtures.restartPlan("m2");
        ClusterSpec spec = Fixtures.cluster(Path.of("/srv/revive-test"));
        CountingHandler stepsOfA = new CountingHandler("04-clean-temp");
        AtomicReference<HeldLock> lockOfA = new AtomicReference<>();
        try (ExecutionLog logA = log("executor-a"); CoordinationLocks locksA = locks("executor-a")) {
            PlanJob jobA = new PlanJob((clusterId, cancelled) -> {
                lockOfA.set(locksA.acquire(clusterId, cancelled));
                return lockOfA.get();
            }, history(), runner(stepsOfA, logA, "executor-a"));
            assertThatThrownBy(() -> jobA.run(plan, spec, RunControl.none())).isInstanceOf(SimulatedCrash.class);
            revokeLease(lockOfA.get());
        }

        // when: executor B is given the plan again
        CountingHandler stepsOfB = new CountingHandler(null);
        PlanJob.Ended ended;
        try (ExecutionLog logB = log("executor-b"); CoordinationLocks locksB = locks("executor-b")) {
            ended = new PlanJob(locksB, history(), runner(stepsOfB, logB, "executor-b")).run(plan, spec, RunControl.none());
            logB.commit(List.of(logB.recordOf(((PlanResult.Finished) ended.result()).outcome())), Map.of(), null);
            ended.lock().close();
        }

        // then: B did only steps 4-7, after A's events, with a newer fencing token
        assertThat(stepsOfA.executed).containsExactly("01-snapshot", "02-stop", "03-force-kill", "04-clean-temp");
        assertThat(stepsOfB.executed).containsExactly("04-clean-temp", "05-start", "06-await-healthy",
                "07-await-caught-up");
        List<ExecutionEvent> events = history().eventsOf(plan);
        assertThat(events.stream().filter(StepEvent.class::isInstance).map(StepEvent.class::cast)
                .filter(event -> event.stepId().equals("04-clean-temp"))
                .map(event -> event.executorId() + ":" + event.attempt() + ":" + event.status()))
                .containsExactly("executor-a:1:STARTED", "executor-b:2:STARTED", "executor-b:2:SUCCEEDED");
        PlanOutcome outcome = (PlanOutcome) events.get(events.size() - 1);
        assertThat(outcome.outcome()).isEqualTo(Outcome.PLAN_COMPLETED);
        assertThat(outcome.fencingToken()).isGreaterThan(lockOfA.get().token());
        assertThat(outcome.startedAt()).isEqualTo(events.get(0).at());

        // and: a third executor finds the outcome and does nothing
        CountingHandler stepsOfC = new CountingHandler(null);
        try (ExecutionLog logC = log("executor-c"); CoordinationLocks locksC = locks("executor-c")) {
            PlanJob.Ended again = new PlanJob(locksC, history(), runner(stepsOfC, logC, "executor-c"))
                    .run(plan, spec, RunControl.none());
            again.lock().close();
            assertThat(again.result()).isEqualTo(new PlanResult.AlreadyFinished(outcome));
        }
        assertThat(stepsOfC.executed).isEmpty();
    }

    private static ExecutionLog log(String executorId) {
        ExecutionLog log = new ExecutionLog(KafkaClients.producer(broker.bootstrapServers(), executorId),
                Clock.systemUTC());
        log.init();
        return log;
    }

    private static CoordinationLocks locks(String executorId) {
        return new CoordinationLocks(coordination.endpoints(), executorId, Duration.ofSeconds(3), Duration.ofSeconds(2),
                Duration.ofMillis(100));
    }

    private static ExecutionHistoryReader history() {
        return new ExecutionHistoryReader(KafkaClients.reader(broker.bootstrapServers(), "history"),
                Duration.ofSeconds(20));
    }

    private static PlanRunner runner(ActionHandler steps, ExecutionLog log, String executorId) {
        return new PlanRunner(steps, event -> log.commit(List.of(log.recordOf(event)), Map.of(), null),
                new ExecutionEvents(Clock.systemUTC(), IdSource.random(), executorId),
                Pacer.sleeping(), new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(100)));
    }

    private static void revokeLease(HeldLock lock) throws Exception {
        try (Client etcd = Client.builder().endpoints(coordination.endpoints().toArray(String[]::new)).build()) {
            etcd.getLeaseClient().revoke(((EtcdClusterLock) lock).leaseId()).get(5, TimeUnit.SECONDS);
        }
    }

    /** Steps that succeed and are counted; the process "dies" on {@code crashOn}. */
    private static final class CountingHandler implements ActionHandler {

        final List<String> executed = new ArrayList<>();
        private final String crashOn;

        CountingHandler(String crashOn) {
            this.crashOn = crashOn;
        }

        @Override
        public StepOutcome execute(StepContext context) {
            executed.add(context.step().stepId());
            if (context.step().stepId().equals(crashOn)) {
                throw new SimulatedCrash();
            }
            return StepOutcome.succeeded("done");
        }

        @Override
        public String describe(StepContext context) {
            return "would do " + context.describe();
        }
    }

    /** Stands for the executor process dying mid-step: nothing below the job catches it. */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("executor process died");
        }
    }
}
