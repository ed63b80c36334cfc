package dev.revive.targets.action;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.ControlSpec;
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
import dev.revive.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A three-node cluster spec, steps and a pacer that moves a clock, for the action handler tests. */
final class ActionFixtures {

    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    private ActionFixtures() {
    }

    static ClusterSpec cluster(Path root, SystemKind kind) {
        return new ClusterSpec("c-1", kind, List.of(node(root, "m0", 0), node(root, "m1", 1), node(root, "m2", 2)),
                Policy.defaults(), new BackupLocation(root.resolve("backups").toString()));
    }

    static NodeSpec node(Path root, String id, int index) {
        return node(root, id, index, new ProcessControl(List.of("/usr/bin/server", "--name", id), null, Map.of(),
                root.resolve(id + ".pid").toString(), root.resolve(id + ".log").toString(), Duration.ofSeconds(5)));
    }

    static NodeSpec node(Path root, String id, int index, ControlSpec control) {
        return new NodeSpec(id, NodeRole.MEMBER, new Endpoints("http://127.0.0.1:" + (2370 + index),
                "http://127.0.0.1:" + (3380 + index)), control, root.resolve(id + ".data").toString(), List.of(),
                List.of(root.resolve(id + ".tmp").toString()));
    }

    static StepContext context(ClusterSpec spec, Action action, String nodeId, StepParams params) {
        PlanStep step = new PlanStep("01-" + action.name().toLowerCase().replace('_', '-'), action, nodeId, params,
                OnFailure.ABORT);
        RecoveryPlan plan = new RecoveryPlan("inc-1-r1", "inc-1", spec.id(), 1, PlanScope.NODE, PlanMode.AUTO, null,
                List.of("fault-1"), List.of(step), T0, T0);
        return new StepContext(plan, step, spec);
    }

    static StepContext context(ClusterSpec spec, Action action, String nodeId) {
        return context(spec, action, nodeId, new StepParams(Duration.ofSeconds(30), Duration.ofSeconds(5), null, 10L, 1));
    }

    /** A pacer that moves the clock instead of sleeping, and runs a hook on each pause. */
    static final class FakePacer implements Pacer {

        final List<Duration> pauses = new ArrayList<>();
        private final MutableClock clock;
        private Runnable onPause = () -> { };

        FakePacer(MutableClock clock) {
            this.clock = clock;
        }

        void onPause(Runnable hook) {
            this.onPause = hook;
        }

        @Override
        public void pause(Duration duration) {
            pauses.add(duration);
            clock.advance(duration);
            onPause.run();
        }
    }
}
