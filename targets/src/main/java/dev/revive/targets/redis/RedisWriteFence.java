package dev.revive.targets.redis;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Redis's write fence, cluster-wide steps. {@link #fence() FENCE_WRITES} pauses writes on the live primary (a step
 * that names a node other than the primary, a replica's turn in a rolling restart, is SKIPPED) with {@code CLIENT PAUSE <step timeout> WRITE}: a dead-man switch, the pause lifts itself when the
 * step's timeout has passed even if nobody lifts it; which node was paused and until when is recorded durably per
 * plan ({@link PauseRecord}, the first attempt's record kept). A retry pauses again, which only moves the end.
 * No primary answers: the fence cannot be set, FAILED with why. {@link #unfence() UNFENCE} sends {@code CLIENT
 * UNPAUSE} to the recorded node and to every node that answers as a primary now, and succeeds once nothing is paused:
 * repeating it is harmless; a recorded node that does not answer counts as unpaused once its pause's end has passed.
 */
final class RedisWriteFence {

    private static final Logger LOG = Logger.getLogger(RedisWriteFence.class);

    private final RedisAdapter redis;
    private final Clock clock;

    RedisWriteFence(RedisAdapter redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** The handler of {@code FENCE_WRITES}. */
    ActionHandler fence() {
        return new Fence();
    }

    /** The handler of {@code UNFENCE}. */
    ActionHandler unfence() {
        return new Unfence();
    }

    /** The primary writes go to now: the one every answering replica follows, else the only answering primary. */
    private static Optional<String> primary(RedisTopology now) {
        return now.onePrimary().or(() -> now.primaries().size() == 1 ? Optional.of(now.primaries().get(0))
                : Optional.empty());
    }

    private String endpoint(ClusterSpec spec, String node) {
        return spec.node(node).orElseThrow().endpoints().client();
    }

    private final class Fence implements ActionHandler {

        @Override
        public StepOutcome execute(StepContext context) {
            ClusterSpec spec = context.spec();
            RedisTopology now = RedisTopology.read(redis, spec);
            Optional<String> primary = primary(now);
            if (primary.isEmpty()) {
                return StepOutcome.failed(noPrimary(now));
            }
            String named = context.step().nodeId();
            if (named != null && !named.equals(primary.get())) {
                return StepOutcome.skipped(notAroundASwitchover(named, primary.get()));
            }
            Instant until = clock.instant().plus(context.timeout());
            PauseRecord kept = new PauseRecord(spec.id(), context.plan().planId(), primary.get(), until).keepFirst(spec);
            Optional<StepOutcome> refused = context.refusalBefore("pause writes on " + primary.get() + " for "
                    + context.timeout());
            if (refused.isPresent()) {
                return refused.get();
            }
            redis.clientPauseWrite(endpoint(spec, primary.get()), context.timeout());
            LOG.infof("%s of plan %s on cluster %s: writes paused on %s until %s", context.describe(),
                    context.plan().planId(), spec.id(), primary.get(), until);
            return StepOutcome.succeeded("paused writes on the primary " + primary.get() + " (CLIENT PAUSE "
                    + context.timeout().toMillis() + " WRITE, lifting itself at " + until + "); recorded "
                    + (kept.nodeId().equals(primary.get()) ? "" : "earlier: " + kept.nodeId() + " until "
                            + kept.until() + ", ")
                    + "in " + PauseRecord.file(spec, context.plan().planId()));
        }

        @Override
        public String describe(StepContext context) {
            RedisTopology now = RedisTopology.read(redis, context.spec());
            String named = context.step().nodeId();
            if (named != null && primary(now).filter(node -> !node.equals(named)).isPresent()) {
                return "would skip: " + notAroundASwitchover(named, primary(now).get());
            }
            return primary(now).map(node -> "would pause writes on the primary " + node + " with CLIENT PAUSE "
                    + context.timeout().toMillis() + " WRITE (lifting itself after the step's timeout) and record it"
                    + " in " + PauseRecord.file(context.spec(), context.plan().planId()))
                    .orElseGet(() -> "would fail: " + noPrimary(now));
        }

        /** Why a fence step of a node that is not the primary (a replica's turn in a rolling restart) does nothing. */
        private static String notAroundASwitchover(String named, String primary) {
            return named + " is not the primary (" + primary + " is): writes are fenced only around the primary's "
                    + "switchover";
        }

        private static String noPrimary(RedisTopology now) {
            return "no single node answers as the primary, so the write fence cannot be set: " + now.summary();
        }
    }

    private final class Unfence implements ActionHandler {

        @Override
        public StepOutcome execute(StepContext context) {
            ClusterSpec spec = context.spec();
            Optional<PauseRecord> recorded = PauseRecord.find(spec, context.plan().planId());
            Set<String> nodes = targets(recorded, RedisTopology.read(redis, spec));
            Optional<StepOutcome> refused = context.refusalBefore("lift the write pause on " + nodes);
            if (refused.isPresent()) {
                return refused.get();
            }
            List<String> lifted = new ArrayList<>();
            List<String> unreachable = new ArrayList<>();
            for (String node : nodes) {
                try {
                    redis.clientUnpause(endpoint(spec, node));
                    lifted.add(node);
                } catch (TargetException e) {
                    unreachable.add(node + " (" + e.getMessage() + ")");
                }
            }
            String done = (lifted.isEmpty() ? "no node to unpause answers" : "CLIENT UNPAUSE on " + lifted)
                    + recorded.map(record -> "; plan " + record.planId() + " paused " + record.nodeId() + " until "
                            + record.until()).orElse("; no pause recorded for plan " + context.plan().planId());
            Optional<PauseRecord> stillPaused = recorded.filter(record -> !lifted.contains(record.nodeId())
                    && clock.instant().isBefore(record.until()));
            if (stillPaused.isPresent()) {
                return StepOutcome.failed(done + "; cannot reach " + unreachable + ", and the pause of "
                        + stillPaused.get().nodeId() + " lasts until " + stillPaused.get().until());
            }
            return StepOutcome.succeeded(done + (unreachable.isEmpty() ? "" : "; not answering, nothing paused"
                    + " there any more: " + unreachable) + "; nothing is paused");
        }

        @Override
        public String describe(StepContext context) {
            Optional<PauseRecord> recorded = PauseRecord.find(context.spec(), context.plan().planId());
            return "would send CLIENT UNPAUSE to " + targets(recorded, RedisTopology.read(redis, context.spec()))
                    + recorded.map(record -> " (plan paused " + record.nodeId() + " until " + record.until() + ")")
                            .orElse(" (no pause recorded for the plan)");
        }

        /** The recorded node and every node that answers as a primary now. */
        private static Set<String> targets(Optional<PauseRecord> recorded, RedisTopology now) {
            Set<String> nodes = new LinkedHashSet<>();
            recorded.ifPresent(record -> nodes.add(record.nodeId()));
            nodes.addAll(now.primaries());
            return nodes;
        }
    }
}
