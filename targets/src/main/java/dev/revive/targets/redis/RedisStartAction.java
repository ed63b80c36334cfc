package dev.revive.targets.redis;

import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.targets.TargetException;
import dev.revive.targets.action.Polling;
import dev.revive.targets.action.StartHandler;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import dev.revive.targets.driver.NodeDriver;
import dev.revive.targets.driver.NodeDrivers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * START of Redis: a node never starts as a second primary. When another node answers as the primary (the one every
 * answering replica follows, else the only other node that says it is a primary), this node starts with its spec's
 * command plus {@code --replicaof <host> <port>} ({@link NodeDriver#startWith}); a driver that cannot start with
 * other arguments starts it plainly and {@code REPLICAOF} follows as soon as it answers (within the step's timeout),
 * which the outcome says. No other node answers as a primary: the plain start from the spec. Two other primaries:
 * FAILED without starting. A node that already runs is SKIPPED ({@link StartHandler}).
 */
final class RedisStartAction extends StartHandler {

    private final RedisAdapter redis;
    private final Polling polling;

    RedisStartAction(RedisAdapter redis, NodeDrivers drivers, Polling polling) {
        super(drivers);
        this.redis = redis;
        this.polling = polling;
    }

    @Override
    protected Launch launchOf(StepContext context, NodeSpec node, NodeDriver driver) {
        RedisTopology now = RedisTopology.read(redis, context.spec());
        List<String> others = now.primaries().stream().filter(id -> !id.equals(node.id())).toList();
        Optional<String> primary = now.onePrimary().filter(id -> !id.equals(node.id()))
                .or(() -> others.size() == 1 ? Optional.of(others.get(0)) : Optional.empty());
        if (primary.isEmpty() && others.size() > 1) {
            return refusing(node, "nodes " + others + " all answer as primaries; not starting " + node.id()
                    + " beside them: " + now.summary());
        }
        return primary.map(id -> asReplica(context, node, driver, id)).orElseGet(() -> plain(node, driver));
    }

    private Launch asReplica(StepContext context, NodeSpec node, NodeDriver driver, String primary) {
        String endpoint = context.spec().node(primary).orElseThrow().endpoints().client();
        String host = RedisAdapter.host(endpoint);
        int port = RedisAdapter.port(endpoint);
        Optional<List<String>> command = replicaCommand(node, host, port);
        return new Launch() {
            @Override
            public String act() {
                return "start " + node.id() + " as a replica of " + primary;
            }

            @Override
            public StepOutcome run() throws InterruptedException {
                StepClock clock = StepClock.start(polling, context);
                String cannot = "it is not started from a command";
                if (command.isPresent()) {
                    try {
                        long pid = driver.startWith(node, command.get());
                        return StepOutcome.succeeded("started " + node.id() + " as pid " + pid + " as a replica of "
                                + primary + " (--replicaof " + host + " " + port + ")");
                    } catch (TargetException e) {
                        cannot = e.getMessage();
                    }
                }
                long pid = driver.start(node);
                Optional<String> refused = clock.await(() -> replicaOf(node, host, port));
                String how = "its driver cannot add --replicaof (" + cannot + "), so started " + node.id() + " as pid "
                        + pid + " from its spec, as a primary until ";
                return refused.isEmpty() ? StepOutcome.succeeded(how + "it accepted REPLICAOF " + primary
                        + " as soon as it answered")
                        : StepOutcome.timedOut(how + "REPLICAOF " + primary + ", which it did not accept within "
                                + context.timeout() + ": " + refused.get());
            }

            @Override
            public String describe() {
                return "would start " + node.id() + " as a replica of " + primary + ", the answering primary: "
                        + command.map(argv -> driver.describeStart(node, argv)).orElse("plainly, then REPLICAOF "
                                + host + " " + port + " as soon as it answers");
            }
        };
    }

    /** Null once {@code node} accepted REPLICAOF; else why not yet (it does not answer or still loads). */
    private String replicaOf(NodeSpec node, String host, int port) {
        try {
            redis.replicaOf(node.endpoints().client(), host, port);
            return null;
        } catch (TargetException e) {
            return e.kind() + " " + e.getMessage();
        }
    }

    /** The spec's command plus {@code --replicaof host port}; empty for a node not started from a command. */
    static Optional<List<String>> replicaCommand(NodeSpec node, String host, int port) {
        if (!(node.control() instanceof ProcessControl process)) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(process.command());
        command.addAll(List.of("--replicaof", host, String.valueOf(port)));
        return Optional.of(command);
    }

    private static Launch refusing(NodeSpec node, String why) {
        return new Launch() {
            @Override
            public String act() {
                return "refuse to start " + node.id();
            }

            @Override
            public StepOutcome run() {
                return StepOutcome.failed(why);
            }

            @Override
            public String describe() {
                return "would fail without starting: " + why;
            }
        };
    }
}
