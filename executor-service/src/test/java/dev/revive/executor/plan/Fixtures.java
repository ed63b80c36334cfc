package dev.revive.executor.plan;

import dev.revive.testkit.MutableClock;
import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.plan.StepParams;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.action.Pacer;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A three-member etcd cluster spec and the node-restart plan of DESIGN.md, for unit tests. */
public final class Fixtures {

    public static final String CLUSTER = "etcd-a";
    public static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private Fixtures() {
    }

    public static ClusterSpec cluster(Path root) {
        return new ClusterSpec(CLUSTER, SystemKind.ETCD, List.of(node(root, "m0", 0), node(root, "m1", 1),
                node(root, "m2", 2)), Policy.defaults(), new BackupLocation(root.resolve("backups").toString()));
    }

    public static NodeSpec node(Path root, String id, int index) {
        ProcessControl control = new ProcessControl(List.of("/usr/bin/etcd", "--name", id), null, Map.of(),
                root.resolve(id + ".pid").toString(), root.resolve(id + ".log").toString(), Duration.ofSeconds(5));
        return new NodeSpec(id, NodeRole.MEMBER, new Endpoints(endpoint(index), "http://127.0.0.1:" + (3380 + index)),
                control, root.resolve(id + ".etcd").toString(), List.of(), List.of(root.resolve(id + ".tmp").toString()));
    }

    public static String endpoint(int index) {
        return "http://127.0.0.1:" + (2370 + index);
    }

    /** The seven steps of the node-restart plan for {@code nodeId}, snapshot from {@code source}. */
    public static List<PlanStep> restartSteps(String nodeId, String source, int attempts) {
        Duration t = Duration.ofSeconds(30);
        return List.of(
                new PlanStep("01-snapshot", Action.SNAPSHOT, nodeId, new StepParams(t, null, source, null, attempts),
                        OnFailure.CONTINUE),
                new PlanStep("02-stop", Action.STOP, nodeId, new StepParams(Duration.ofSeconds(10), Duration.ofSeconds(5),
                        null, null, attempts), OnFailure.ABORT),
                step("03-force-kill", Action.FORCE_KILL, nodeId, attempts),
                step("04-clean-temp", Action.CLEAN_TEMP, nodeId, attempts),
                step("05-start", Action.START, nodeId, attempts),
                step("06-await-healthy", Action.AWAIT_HEALTHY, nodeId, attempts),
                new PlanStep("07-await-caught-up", Action.AWAIT_CAUGHT_UP, nodeId, new StepParams(t, null, null, 10L,
                        attempts), OnFailure.ABORT));
    }

    public static PlanStep step(String stepId, Action action, String nodeId, int attempts) {
        return new PlanStep(stepId, action, nodeId, new StepParams(Duration.ofSeconds(30), null, null, null, attempts),
                OnFailure.ABORT);
    }

    public static RecoveryPlan plan(String incidentId, int revision, PlanMode mode, List<PlanStep> steps) {
        return new RecoveryPlan(incidentId + "-r" + revision, incidentId, CLUSTER, revision, PlanScope.NODE, mode,
                mode == PlanMode.APPROVAL_REQUIRED ? "restart budget used up" : null, List.of("fault-1"), steps, T0, T0);
    }

    public static RecoveryPlan restartPlan(String nodeId) {
        return plan("inc-1", 1, PlanMode.AUTO, restartSteps(nodeId, "m0", 2));
    }

    /** What a scripted handler does on execute. */
    @FunctionalInterface
    public interface Execution {
        StepOutcome execute(StepContext context) throws Exception;
    }

    /** A handler that executes {@code execution} and describes a step by its name. */
    public static ActionHandler handler(Execution execution) {
        return new ActionHandler() {
            @Override
            public StepOutcome execute(StepContext context) throws InterruptedException {
                try {
                    return execution.execute(context);
                } catch (InterruptedException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public String describe(StepContext context) {
                return "would carry out " + context.describe();
            }
        };
    }

    /** A pacer that moves the clock instead of sleeping, and runs a hook on each pause. */
    public static final class FakePacer implements Pacer {

        private final MutableClock clock;
        private final List<Duration> pauses = new java.util.ArrayList<>();
        private Runnable onPause = () -> { };

        public FakePacer(MutableClock clock) {
            this.clock = clock;
        }

        public void onPause(Runnable hook) {
            this.onPause = hook;
        }

        public List<Duration> pauses() {
            return pauses;
        }

        @Override
        public void pause(Duration duration) {
            pauses.add(duration);
            clock.advance(duration);
            onPause.run();
        }
    }
}
