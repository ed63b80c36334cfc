package dev.revive.targets.action;

import dev.revive.contracts.cluster.DockerControl;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.targets.driver.NodeDriver;
import dev.revive.targets.driver.NodeDrivers;
import dev.revive.targets.driver.NodeProcess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The kind-independent handlers that act on a node's process through its driver: STOP, FORCE_KILL,
 * CLEAN_TEMP ({@link CleanTempHandler}) and START ({@link StartHandler}). Each first looks at the real process, so that repeating a step is harmless; STOP
 * and FORCE_KILL of a running node first pass the {@link TakeDownCheck}. Right before every driver verb that
 * acts (SIGTERM, SIGKILL, removing temp entries, starting a process) each asks the step's {@link ActGate}, and
 * a refusal ends the attempt there ({@link StepOutcome#notAdmitted}).
 */
final class NodeVerbs {

    private NodeVerbs() {
    }

    /**
     * A handler that takes a running node down: a node that does not run is skipped, a running one must first
     * pass the {@link TakeDownCheck}; subclasses say how it goes down.
     */
    abstract static class TakeDown implements ActionHandler {

        private final NodeDrivers drivers;
        private final TakeDownCheck check;
        private final String verb;

        /** @param verb what the step does to the process, in words: {@code stop}, {@code kill} */
        TakeDown(NodeDrivers drivers, TakeDownCheck check, String verb) {
            this.drivers = drivers;
            this.check = check;
            this.verb = verb;
        }

        @Override
        public final StepOutcome execute(StepContext context) {
            NodeSpec node = context.requireNode();
            NodeDriver driver = drivers.forNode(node);
            NodeProcess process = driver.inspect(node);
            if (!process.running()) {
                return StepOutcome.skipped(nothingToDo(node));
            }
            Optional<StepOutcome> objection = check.objection(context, node);
            if (objection.isPresent()) {
                return objection.get();
            }
            return takeDown(context, node, driver, process);
        }

        @Override
        public final String describe(StepContext context) {
            NodeSpec node = context.requireNode();
            NodeProcess process = drivers.forNode(node).inspect(node);
            if (!process.running()) {
                return "would skip: " + nothingToDo(node);
            }
            return describeTakeDown(context, node, process) + "; " + check.describe(context, node);
        }

        /** Takes the running {@code process} down, once the take-down check allowed it. */
        abstract StepOutcome takeDown(StepContext context, NodeSpec node, NodeDriver driver, NodeProcess process);

        /** What {@link #takeDown} would do to the running {@code process}, in words. */
        abstract String describeTakeDown(StepContext context, NodeSpec node, NodeProcess process);

        private String nothingToDo(NodeSpec node) {
            return node.id() + " is not running; nothing to " + verb;
        }
    }

    /** SIGTERM and the grace period; a process that ignores it is killed, as its stop timeout promises. */
    static final class Stop extends TakeDown {

        private final Clock clock;

        Stop(NodeDrivers drivers, TakeDownCheck check, Clock clock) {
            super(drivers, check, "stop");
            this.clock = clock;
        }

        @Override
        StepOutcome takeDown(StepContext context, NodeSpec node, NodeDriver driver, NodeProcess process) {
            Duration grace = gracePeriod(context, node);
            Optional<StepOutcome> refusal = context.refusalBefore("send SIGTERM to pid " + process.pid());
            if (refusal.isPresent()) {
                return refusal.get();
            }
            Instant start = clock.instant();
            if (driver.stop(node, grace)) {
                return StepOutcome.succeeded("stopped pid " + process.pid() + " with SIGTERM in "
                        + Duration.between(start, clock.instant()).toMillis() + " ms");
            }
            refusal = context.refusalBefore("send SIGKILL to pid " + process.pid() + ", which ignored SIGTERM for "
                    + grace);
            if (refusal.isPresent()) {
                return refusal.get();
            }
            if (driver.forceKill(node)) {
                return StepOutcome.succeeded("pid " + process.pid() + " ignored SIGTERM for " + grace
                        + "; killed it with SIGKILL");
            }
            return StepOutcome.failed("pid " + process.pid() + " survived SIGTERM and SIGKILL");
        }

        @Override
        String describeTakeDown(StepContext context, NodeSpec node, NodeProcess process) {
            return "would send SIGTERM to pid " + process.pid() + foundBy(process) + ", SIGKILL after grace "
                    + gracePeriod(context, node);
        }
    }

    /** SIGKILL of a running node. */
    static final class ForceKill extends TakeDown {

        ForceKill(NodeDrivers drivers, TakeDownCheck check) {
            super(drivers, check, "kill");
        }

        @Override
        StepOutcome takeDown(StepContext context, NodeSpec node, NodeDriver driver, NodeProcess process) {
            Optional<StepOutcome> refusal = context.refusalBefore("send SIGKILL to pid " + process.pid());
            if (refusal.isPresent()) {
                return refusal.get();
            }
            if (driver.forceKill(node)) {
                return StepOutcome.succeeded("killed pid " + process.pid() + " with SIGKILL");
            }
            return StepOutcome.failed("pid " + process.pid() + " still runs after SIGKILL");
        }

        @Override
        String describeTakeDown(StepContext context, NodeSpec node, NodeProcess process) {
            return "would send SIGKILL to pid " + process.pid() + foundBy(process);
        }
    }

    /** Empties the node's temp paths; refuses while the node runs. */
    static final class CleanTemp extends CleanTempHandler {

        CleanTemp(NodeDrivers drivers) {
            super(drivers, Leftovers.NONE);
        }
    }

    /** Starts the node's process from its spec. */
    static final class Start extends StartHandler {

        Start(NodeDrivers drivers) {
            super(drivers);
        }

        @Override
        protected Launch launchOf(StepContext context, NodeSpec node, NodeDriver driver) {
            return plain(node, driver);
        }
    }

    /** {@code  of m1 (found by pid file)}. */
    private static String foundBy(NodeProcess process) {
        return " of " + process.nodeId() + " (found by " + process.foundBy().name().toLowerCase().replace('_', ' ') + ")";
    }

    /** The step's grace period, else the node's stop timeout, never longer than the step's timeout. */
    private static Duration gracePeriod(StepContext context, NodeSpec node) {
        Duration grace = context.step().params().gracePeriod();
        if (grace == null) {
            grace = node.control() instanceof ProcessControl process ? process.stopTimeout()
                    : node.control() instanceof DockerControl docker ? docker.stopTimeout()
                    : ProcessControl.DEFAULT_STOP_TIMEOUT;
        }
        return grace.compareTo(context.timeout()) > 0 ? context.timeout() : grace;
    }
}
