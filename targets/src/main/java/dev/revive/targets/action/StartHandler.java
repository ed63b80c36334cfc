package dev.revive.targets.action;

import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.driver.NodeDriver;
import dev.revive.targets.driver.NodeDrivers;
import dev.revive.targets.driver.NodeProcess;
import java.util.Optional;

/**
 * START: a node that already runs is SKIPPED; else the handler decides how to start it ({@link #launchOf}: the
 * kind-independent START runs the spec's command, a kind may add one-off arguments), asks the gate right before and
 * starts it.
 */
public abstract class StartHandler implements ActionHandler {

    /** How a stopped node will be started: the act in words (for the gate), the start itself, and its dry-run words. */
    public interface Launch {

        /** What the start does, in words: {@code start r1}. */
        String act();

        /** Starts the node; the outcome says how. */
        StepOutcome run() throws InterruptedException;

        /** What {@link #run} would do, in words, touching nothing. */
        String describe();
    }

    private final NodeDrivers drivers;

    protected StartHandler(NodeDrivers drivers) {
        this.drivers = drivers;
    }

    /**
     * How to start {@code node}, which does not run now; may read state (ask the other nodes), never changes any.
     */
    protected abstract Launch launchOf(StepContext context, NodeSpec node, NodeDriver driver);

    /** The plain start from the spec's command. */
    public static Launch plain(NodeSpec node, NodeDriver driver) {
        return new Launch() {
            @Override
            public String act() {
                return "start " + node.id();
            }

            @Override
            public StepOutcome run() {
                return StepOutcome.succeeded("started " + node.id() + " as pid " + driver.start(node));
            }

            @Override
            public String describe() {
                return "would start " + driver.describeStart(node);
            }
        };
    }

    @Override
    public final StepOutcome execute(StepContext context) throws InterruptedException {
        NodeSpec node = context.requireNode();
        NodeDriver driver = drivers.forNode(node);
        NodeProcess process = driver.inspect(node);
        if (process.running()) {
            return StepOutcome.skipped(node.id() + " already runs as pid " + process.pid());
        }
        Launch launch = launchOf(context, node, driver);
        Optional<StepOutcome> refusal = context.refusalBefore(launch.act());
        if (refusal.isPresent()) {
            return refusal.get();
        }
        return launch.run();
    }

    @Override
    public final String describe(StepContext context) {
        NodeSpec node = context.requireNode();
        NodeDriver driver = drivers.forNode(node);
        NodeProcess process = driver.inspect(node);
        Launch launch = launchOf(context, node, driver);
        if (process.running()) {
            return "would skip: " + node.id() + " already runs as pid " + process.pid() + "; if it did not, "
                    + launch.describe();
        }
        return launch.describe();
    }
}
