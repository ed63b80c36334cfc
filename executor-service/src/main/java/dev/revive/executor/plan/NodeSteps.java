package dev.revive.executor.plan;

import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.targets.driver.NodeDriver;
import dev.revive.targets.driver.NodeProcess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The steps that act on a node's process: STOP, FORCE_KILL, CLEAN_TEMP and START. Each first looks
 * at the real process, so that repeating a step is harmless, and STOP and FORCE_KILL of a running
 * member first make sure the rest of the cluster keeps its quorum.
 */
final class NodeSteps {

    private final NodeDriver driver;
    private final QuorumGuard quorum;
    private final Clock clock;

    NodeSteps(NodeDriver driver, QuorumGuard quorum, Clock clock) {
        this.driver = driver;
        this.quorum = quorum;
        this.clock = clock;
    }

    /** SIGTERM and the grace period; a process that ignores it is killed, as its stop timeout promises. */
    StepOutcome stop(StepContext context, NodeSpec node) {
        NodeProcess process = driver.inspect(node);
        if (!process.running()) {
            return StepOutcome.skipped(node.id() + " is not running; nothing to stop");
        }
        String refusal = quorum.refusalToDisrupt(context.spec(), node);
        if (refusal != null) {
            return StepOutcome.failed(refusal);
        }
        Duration grace = gracePeriod(context, node);
        Instant start = clock.instant();
        if (driver.stop(node, grace)) {
            return StepOutcome.succeeded("stopped pid " + process.pid() + " with SIGTERM in " + since(start));
        }
        if (driver.forceKill(node)) {
            return StepOutcome.succeeded("pid " + process.pid() + " ignored SIGTERM for " + grace
                    + "; killed it with SIGKILL");
        }
        return StepOutcome.failed("pid " + process.pid() + " survived SIGTERM and SIGKILL");
    }

    StepOutcome forceKill(StepContext context, NodeSpec node) {
        NodeProcess process = driver.inspect(node);
        if (!process.running()) {
            return StepOutcome.skipped(node.id() + " is not running; nothing to kill");
        }
        String refusal = quorum.refusalToDisrupt(context.spec(), node);
        if (refusal != null) {
            return StepOutcome.failed(refusal);
        }
        if (driver.forceKill(node)) {
            return StepOutcome.succeeded("killed pid " + process.pid() + " with SIGKILL");
        }
        return StepOutcome.failed("pid " + process.pid() + " still runs after SIGKILL");
    }

    StepOutcome cleanTemp(NodeSpec node) {
        if (node.tempPaths().isEmpty()) {
            return StepOutcome.skipped(node.id() + " has no temp paths configured");
        }
        NodeProcess process = driver.inspect(node);
        if (process.running()) {
            return StepOutcome.failed("refusing to clean the temp paths of " + node.id() + " while it runs as pid "
                    + process.pid());
        }
        int removed = driver.cleanTemp(node);
        if (removed == 0) {
            return StepOutcome.skipped("nothing in " + node.tempPaths());
        }
        return StepOutcome.succeeded("removed " + removed + " entries from " + node.tempPaths());
    }

    StepOutcome start(NodeSpec node) {
        NodeProcess process = driver.inspect(node);
        if (process.running()) {
            return StepOutcome.skipped(node.id() + " already runs as pid " + process.pid());
        }
        long pid = driver.start(node);
        return StepOutcome.succeeded("started " + node.id() + " as pid " + pid);
    }

    /** True when the node's process is known not to run (a driver that cannot tell says false). */
    boolean isDown(NodeSpec node) {
        return driver.supports(node) && !driver.inspect(node).running();
    }

    boolean supports(NodeSpec node) {
        return driver.supports(node);
    }

    private static Duration gracePeriod(StepContext context, NodeSpec node) {
        Duration grace = context.step().params().gracePeriod();
        if (grace == null) {
            grace = node.control() instanceof ProcessControl process ? process.stopTimeout()
                    : ProcessControl.DEFAULT_STOP_TIMEOUT;
        }
        return grace.compareTo(context.timeout()) > 0 ? context.timeout() : grace;
    }

    private String since(Instant start) {
        return Duration.between(start, clock.instant()).toMillis() + " ms";
    }
}
