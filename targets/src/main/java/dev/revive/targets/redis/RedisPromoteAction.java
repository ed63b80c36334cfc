package dev.revive.targets.redis;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.action.Polling;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * PROMOTE of Redis: hands the primary role of the step's node to a replica, deciding on what every node answers now
 * (INFO replication), never on the spec's roles.
 * <ul>
 * <li>The step's node answers as a replica, or the answering replicas follow another node: it is not the primary,
 * SKIPPED. It does not answer while another node is the one primary every answering replica follows: SKIPPED too,
 * unless this plan's promotion record names it, then SUCCEEDED (the promotion was done; a re-run changes nothing).</li>
 * <li>It answers as the primary (a planned switchover): the best of its linked replicas by Sentinel's order takes
 * over ({@link RedisSwitchover}: writes paused, the replica caught up, {@code FAILOVER}); the data-loss bound is 0.</li>
 * <li>It does not answer and the answering replicas follow it (the plan stopped or killed it first, so it cannot come
 * back as a primary), none with its link up (a replica still linked means it still serves: the step waits, within its
 * timeout, for the links to drop, else FAILED): the best answering replica by Sentinel's order ({@link PromotionCandidate}) gets
 * {@code REPLICAOF NO ONE} and the others {@code REPLICAOF} it; the bound is the step's
 * {@code lastKnownPosition} minus the chosen replica's offset.</li>
 * </ul>
 * The choice and the bound are logged and recorded durably ({@link PromotionRecord}) before anything changes; a
 * retried step resumes with the recorded choice. Then it waits, within the step's timeout, until the chosen node is
 * the one primary every answering node follows with its link up.
 */
final class RedisPromoteAction implements ActionHandler {

    private static final Logger LOG = Logger.getLogger(RedisPromoteAction.class);

    private final RedisAdapter redis;
    private final Polling polling;

    RedisPromoteAction(RedisAdapter redis, Polling polling) {
        this.redis = redis;
        this.polling = polling;
    }

    /**
     * What the step finds: an outcome without acting ({@code done}: skipped, succeeded or failed), or the promotion to
     * make ({@code record}, not yet written unless {@code recorded}).
     */
    private record Finding(StepOutcome done, PromotionRecord record, boolean recorded, boolean stillLinked) {

        static Finding done(StepOutcome outcome) {
            return new Finding(outcome, null, false, false);
        }

        /** A replica still has its link up to the silent primary: it may still serve, so nothing may be promoted. */
        static Finding stillLinked(String why) {
            return new Finding(StepOutcome.failed(why), null, false, true);
        }
    }

    @Override
    public StepOutcome execute(StepContext context) throws InterruptedException {
        StepClock clock = StepClock.start(polling, context);
        AtomicReference<Finding> latest = new AtomicReference<>();
        clock.await(() -> {
            latest.set(find(context, RedisTopology.read(redis, context.spec())));
            return latest.get().stillLinked() ? latest.get().done().detail() : null;
        });
        Finding found = latest.get();
        if (found.stillLinked()) {
            return StepOutcome.failed(found.done().detail() + " (still so after " + context.timeout() + ")");
        }
        if (found.done() != null) {
            return found.done();
        }
        PromotionRecord kept = found.record().keepFirst(context.spec());
        String recorded = "; recorded in " + PromotionRecord.file(context.spec(), kept.planId());
        if (!kept.equals(found.record())) {
            return StepOutcome.failedPermanently("plan " + kept.planId() + " already recorded another promotion ("
                    + choiceInWords(kept) + "); not making a second one" + recorded);
        }
        String choice = choiceInWords(kept);
        if (!found.recorded()) {
            LOG.infof("%s of plan %s on cluster %s: %s", context.describe(), kept.planId(), context.spec().id(),
                    choice);
        }
        Optional<StepOutcome> refused = context.refusalBefore(act(kept));
        if (refused.isPresent()) {
            return refused.get();
        }
        try {
            String done = kept.planned()
                    ? new RedisSwitchover(redis, clock).handOver(context.spec(), kept.from(), kept.to())
                    : takeOver(context.spec(), kept.to());
            Optional<String> unlinked = clock.await(() -> notYetOnePrimary(context.spec(), kept.to()));
            if (unlinked.isPresent()) {
                return StepOutcome.timedOut(choice + "; " + done + ", but within " + context.timeout() + " the nodes"
                        + " did not all follow " + kept.to() + ": " + unlinked.get() + recorded);
            }
            return StepOutcome.succeeded(choice + "; " + done + "; " + kept.to() + " is the primary every answering"
                    + " node follows after " + clock.elapsedMillis() + " ms" + recorded);
        } catch (RedisSwitchover.NotCaughtUp e) {
            return StepOutcome.timedOut(choice + "; " + e.getMessage() + recorded);
        } catch (TargetException e) {
            return e.kind() == TargetException.Kind.TIMEOUT ? StepOutcome.timedOut(choice + "; " + e.getMessage())
                    : StepOutcome.failed(choice + "; " + e.getMessage() + recorded);
        }
    }

    @Override
    public String describe(StepContext context) {
        Finding found = find(context, RedisTopology.read(redis, context.spec()));
        if (found.done() != null) {
            return "would end " + found.done().status() + ": " + found.done().detail();
        }
        return "would " + act(found.record()) + ": " + choiceInWords(found.record()) + ", recording it in "
                + PromotionRecord.file(context.spec(), context.plan().planId());
    }

    /** Decides from what the nodes answer now and this plan's earlier record, changing nothing. */
    private Finding find(StepContext context, RedisTopology now) {
        ClusterSpec spec = context.spec();
        String planId = context.plan().planId();
        String id = context.node().orElseThrow(() -> new IllegalStateException(context.describe() + " names no node"))
                .id();
        Optional<PromotionRecord> earlier = PromotionRecord.find(spec, planId).filter(record -> record.from().equals(id));
        Optional<String> one = now.onePrimary();
        if (earlier.isPresent()) {
            PromotionRecord record = earlier.get();
            if (one.filter(record.to()::equals).isPresent() && allLinked(now)) {
                return Finding.done(StepOutcome.succeeded("already promoted: " + choiceInWords(record) + "; "
                        + record.to() + " is the primary every answering replica follows"));
            }
            if (now.of(record.to()).isEmpty()) {
                return Finding.done(StepOutcome.failed("this plan chose " + record.to() + " to take over from " + id
                        + ", and it does not answer now: " + now.summary()));
            }
            return new Finding(null, record, true, false);
        }
        Optional<ReplicationInfo> own = now.of(id);
        List<String> followers = now.replicas().stream().filter(replica -> now.follows(replica, id)).toList();
        if (own.filter(ReplicationInfo::isReplica).isPresent()) {
            return Finding.done(StepOutcome.skipped(id + " answers as a replica (" + own.get().summary()
                    + "); it is not the cluster's primary, nothing to promote"));
        }
        if (followers.isEmpty() && !now.replicas().isEmpty()) {
            return Finding.done(StepOutcome.skipped(id + " is not the cluster's primary: the answering replicas follow "
                    + now.replicas().stream().map(replica -> replica + " -> " + now.primaryOf(replica)
                            .orElse("a node outside the spec")).toList() + "; nothing to promote"));
        }
        if (own.isEmpty() && one.isPresent()) {
            return Finding.done(StepOutcome.skipped(id + " does not answer and is not the cluster's primary: "
                    + one.get() + " is the primary every answering replica follows; nothing to promote"));
        }
        if (followers.size() != now.replicas().size() || now.primaries().stream().anyMatch(node -> !node.equals(id))) {
            return Finding.done(StepOutcome.failed("the nodes disagree on the primary; not promoting another one: "
                    + now.summary()));
        }
        List<String> linked = followers.stream().filter(replica -> now.of(replica).orElseThrow().linked()).toList();
        if (own.isEmpty() && !linked.isEmpty()) {
            return Finding.stillLinked(id + " does not answer here, but " + linked + " still have their link to it up:"
                    + " it may still serve writes, so no replica is promoted");
        }
        List<PromotionCandidate> candidates = now.candidates(id).stream()
                .filter(candidate -> own.isEmpty() || now.of(candidate.nodeId()).orElseThrow().linked()).toList();
        Optional<PromotionCandidate> best = PromotionCandidate.best(candidates);
        if (best.isEmpty()) {
            return Finding.done(StepOutcome.failed("no " + (own.isEmpty() ? "answering" : "linked")
                    + " replica of " + id + " may be promoted (replica-priority 0 or none answers): " + now.summary()));
        }
        PromotionCandidate chosen = best.get();
        Map<String, Long> others = new LinkedHashMap<>();
        candidates.stream().filter(candidate -> !candidate.equals(chosen))
                .forEach(candidate -> others.put(candidate.nodeId(), candidate.offset()));
        boolean planned = own.isPresent();
        Long position = planned ? Long.valueOf(own.get().offset()) : context.step().params().lastKnownPosition();
        Long bound = planned ? Long.valueOf(0) : PromotionRecord.bound(position, chosen.offset());
        return new Finding(null, new PromotionRecord(spec.id(), planId, id, chosen.nodeId(), planned, chosen.offset(),
                others, position, bound, polling.clock().instant()), false, false);
    }

    /** Makes {@code to} the primary ({@code REPLICAOF NO ONE} unless it is one) and repoints every other node. */
    private String takeOver(ClusterSpec spec, String to) {
        NodeSpec target = spec.node(to).orElseThrow();
        ReplicationInfo info = redis.replication(target.endpoints().client());
        String promoted = info.isPrimary() ? to + " already answered as a primary" : "REPLICAOF NO ONE on " + to;
        if (!info.isPrimary()) {
            redis.replicaOfNoOne(target.endpoints().client());
        }
        return promoted + "; " + repoint(redis, spec, to);
    }

    /** {@code REPLICAOF <to>} on every answering node but {@code to} that does not follow it yet; says which. */
    static String repoint(RedisAdapter redis, ClusterSpec spec, String to) {
        RedisTopology now = RedisTopology.read(redis, spec);
        String endpoint = spec.node(to).orElseThrow().endpoints().client();
        List<String> moved = now.answers().keySet().stream()
                .filter(node -> !node.equals(to) && !now.follows(node, to)).toList();
        for (String node : moved) {
            redis.replicaOf(spec.node(node).orElseThrow().endpoints().client(), RedisAdapter.host(endpoint),
                    RedisAdapter.port(endpoint));
        }
        return moved.isEmpty() ? "every answering node already followed " + to
                : "REPLICAOF " + to + " on " + String.join(", ", moved);
    }

    /** Null once {@code to} is the one primary and every answering replica's link to it is up; else what is seen. */
    private String notYetOnePrimary(ClusterSpec spec, String to) {
        RedisTopology now = RedisTopology.read(redis, spec);
        return now.onePrimary().filter(to::equals).isPresent() && allLinked(now) ? null : now.summary();
    }

    private static boolean allLinked(RedisTopology now) {
        return now.replicas().stream().allMatch(replica -> now.of(replica).orElseThrow().linked());
    }

    private static String act(PromotionRecord record) {
        return record.planned() ? "hand the primary role of " + record.from() + " over to " + record.to()
                + " (CLIENT PAUSE WRITE, catch up, FAILOVER)"
                : "promote " + record.to() + " (REPLICAOF NO ONE) in place of " + record.from()
                        + " and repoint the other replicas to it";
    }

    /** The choice and the data-loss bound, in words. */
    static String choiceInWords(PromotionRecord record) {
        String position = record.lastKnownPosition() == null ? "unknown" : String.valueOf(record.lastKnownPosition());
        return (record.planned() ? "planned switchover from " : "failover from ") + record.from() + " to "
                + record.to() + " at offset " + record.chosenOffset() + " (other candidates " + record.others()
                + "; " + (record.planned() ? "primary" : "last known") + " offset of " + record.from() + " " + position
                + "); data-loss bound " + record.boundInWords();
    }
}
