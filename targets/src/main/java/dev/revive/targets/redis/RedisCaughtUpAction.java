package dev.revive.targets.redis;

import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.action.Polling;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import dev.revive.targets.driver.NodeDrivers;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * AWAIT_CAUGHT_UP of Redis, until the step's timeout: the node answers as a replica of the cluster's one primary
 * (the one every answering replica follows) with its link up, does not load its dataset, and its offset has reached
 * the primary's offset as read when the step began (the first time one primary answered), since under a live writer
 * the two never stay equal. The node being that primary itself is caught up by definition; a node whose driver says
 * it does not run fails at once.
 */
final class RedisCaughtUpAction implements ActionHandler {

    private final RedisAdapter redis;
    private final NodeDrivers drivers;
    private final Polling polling;

    RedisCaughtUpAction(RedisAdapter redis, NodeDrivers drivers, Polling polling) {
        this.redis = redis;
        this.drivers = drivers;
        this.polling = polling;
    }

    @Override
    public StepOutcome execute(StepContext context) throws InterruptedException {
        NodeSpec node = context.node().orElseThrow(() -> new IllegalStateException(context.describe()
                + " names no node"));
        StepClock clock = StepClock.start(polling, context);
        AtomicLong target = new AtomicLong(-1);
        AtomicReference<StepOutcome> decided = new AtomicReference<>();
        Optional<String> behind = clock.await(() -> {
            RedisTopology now = RedisTopology.read(redis, context.spec());
            Optional<String> primary = now.onePrimary();
            if (primary.isPresent() && target.get() < 0) {
                target.set(now.of(primary.get()).orElseThrow().offset());
            }
            Optional<ReplicationInfo> own = now.of(node.id());
            if (own.isEmpty()) {
                if (drivers.find(node).map(driver -> !driver.inspect(node).running()).orElse(false)) {
                    decided.set(StepOutcome.failed(node.id() + " is not running; it cannot catch up"));
                    return null;
                }
                return node.id() + " does not answer";
            }
            if (primary.isEmpty()) {
                return "no single primary that every answering replica follows: " + now.summary();
            }
            if (primary.get().equals(node.id())) {
                decided.set(StepOutcome.succeeded(node.id() + " is the primary every answering replica follows;"
                        + " nothing to catch up"));
                return null;
            }
            String seen = node.id() + " " + own.get().summary() + ", target offset " + target.get() + " of "
                    + primary.get();
            if (!own.get().linked() || own.get().offset() < target.get()) {
                return seen;
            }
            if (loading(node)) {
                return seen + ", still loading";
            }
            decided.set(StepOutcome.succeeded(node.id() + " caught up after " + clock.elapsedMillis() + " ms: "
                    + seen));
            return null;
        });
        return behind.map(seen -> StepOutcome.timedOut(node.id() + " did not catch up within " + context.timeout()
                + ": " + seen)).orElseGet(decided::get);
    }

    private boolean loading(NodeSpec node) {
        try {
            return redis.persistence(node.endpoints().client()).loading();
        } catch (TargetException e) {
            return true;
        }
    }

    @Override
    public String describe(StepContext context) {
        return "would wait up to " + context.timeout() + " for " + context.step().nodeId() + " to answer as a replica"
                + " linked to the one primary, not loading, with its offset at least the primary's offset when the"
                + " step began, asking every " + polling.interval();
    }
}
