package dev.revive.targets.etcd;

import dev.revive.contracts.cluster.ClientSecurity;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.time.Backoff;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import dev.revive.targets.driver.NodeDriver;
import dev.revive.targets.driver.NodeDrivers;
import dev.revive.targets.driver.NodeProcess;
import dev.revive.targets.etcd.replace.DataDirRetirement;
import dev.revive.targets.etcd.replace.RejoinArguments;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * REPLACE_MEMBER of etcd (issue 9 §3): the step's member cannot come back, so it rejoins empty as a new member.
 * Every attempt reads the live member list first (through another member) and the node's process, and does only
 * what is left: (1) refuses while the node's process runs or anything answers on its client URL; (2) backs up what
 * is left of its data dir ({@link DataDirRetirement}: {@code member/snap/db} and the WAL files with sha256
 * sidecars into {@code <backup>/<clusterId>/replaced/<planId>-<node>/}); (3) {@code member remove} of its old voting
 * member; (4) moves its data dir aside to {@code <dataDir>.replaced-<planId>}, never deleting it; (5) {@code member
 * add --learner} with its peer URL from the spec (already there as learner: kept); (6) starts it through its driver
 * with the spec's command plus {@code --initial-cluster-state existing} and the live membership
 * ({@link RejoinArguments}); (7) promotes the learner, retrying while etcd refuses (it is not in sync yet: told from
 * the member list, where it is still a learner) within the step's timeout, and confirms that it votes. A member that
 * votes, runs and answers with a leader is SKIPPED: a repeated step changes nothing.
 */
final class EtcdReplaceMemberAction implements ActionHandler {

    private static final Logger LOG = Logger.getLogger(EtcdReplaceMemberAction.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(1);

    private final EtcdAdapter etcd;
    private final NodeDrivers drivers;

    EtcdReplaceMemberAction(EtcdAdapter etcd, NodeDrivers drivers) {
        this.etcd = etcd;
        this.drivers = drivers;
    }

    /** The live member list (as {@code endpoint} answers it), the node's entry in it, its process and data dir. */
    private record Situation(NodeSpec node, String endpoint, List<LiveMember> live, Optional<LiveMember> own,
            NodeProcess process, DataDirRetirement dataDir) {

        /** Its old member still votes: remove it first. */
        boolean oldVoter() {
            return own.isPresent() && !own.get().learner();
        }

        /** Its data dir must be empty before it starts: it has no member yet, or a learner that never started. */
        boolean needsEmptyDataDir() {
            return own.isEmpty() || oldVoter() || !own.get().started();
        }

        boolean needsLearner() {
            return own.isEmpty() || oldVoter();
        }
    }

    /** The gate refused right before an act; carries the outcome that ends the attempt. */
    private static final class NotAdmitted extends RuntimeException {
        private final transient StepOutcome outcome;

        NotAdmitted(StepOutcome outcome) {
            super(outcome.detail(), null, false, false);
            this.outcome = outcome;
        }
    }

    @Override
    public StepOutcome execute(StepContext context) throws InterruptedException {
        long deadline = System.nanoTime() + context.timeout().toNanos();
        Situation now = situation(context);
        Optional<String> done = done(context, now);
        if (done.isPresent()) {
            return StepOutcome.skipped(done.get());
        }
        Optional<String> refusal = refusal(context, now);
        if (refusal.isPresent()) {
            return StepOutcome.failed(refusal.get());
        }
        try {
            return replace(context, now, deadline);
        } catch (NotAdmitted e) {
            return e.outcome;
        }
    }

    private StepOutcome replace(StepContext context, Situation now, long deadline) throws InterruptedException {
        NodeSpec node = now.node();
        ClientSecurity security = context.spec().security();
        List<String> did = new ArrayList<>();
        if (now.needsEmptyDataDir()) {
            List<String> copied = now.dataDir().backUp();
            did.add(copied.isEmpty() ? "nothing left to back up in " + node.dataDir()
                    : "backed up " + String.join(", ", copied));
        }
        if (now.oldVoter()) {
            long old = now.own().get().id();
            admit(context, "remove member " + hex(old) + " (" + node.id() + ") from " + context.spec().id());
            untilAccepted(deadline, () -> {
                Situation current = situation(context);
                if (current.own().filter(own -> own.id() == old).isPresent()) {
                    etcd.removeMember(current.endpoint(), security, old);
                }
                return old;
            });
            did.add("removed old member " + hex(old));
            LOG.infof("REPLACE_MEMBER %s: removed old member %s", node.id(), hex(old));
        }
        if (now.needsEmptyDataDir() && now.dataDir().present()) {
            admit(context, "move " + node.dataDir() + " aside to " + now.dataDir().aside());
            did.add("moved " + node.dataDir() + " aside to " + now.dataDir().moveAside());
        }
        if (now.needsLearner()) {
            admit(context, "add a learner with peer URL " + node.endpoints().peer());
            long id = untilAccepted(deadline, () -> {
                Situation current = situation(context);
                return current.own().isPresent() && current.own().get().learner() ? current.own().get().id()
                        : etcd.addLearner(current.endpoint(), security, node.endpoints().peer());
            });
            did.add("added learner " + hex(id) + " with peer URL " + node.endpoints().peer());
            LOG.infof("REPLACE_MEMBER %s: added learner %s", node.id(), hex(id));
        }
        Situation joined = situation(context);
        if (joined.own().isEmpty()) {
            return StepOutcome.failed(node.id() + " is not in the member list after its learner was added");
        }
        if (!joined.process().running()) {
            List<String> argv = RejoinArguments.derive(command(node), context.spec(), joined.live());
            admit(context, "start " + node.id() + " with " + argv);
            long pid = drivers.forNode(node).startWith(node, argv);
            did.add("started " + node.id() + " as pid " + pid + " with --initial-cluster-state existing and "
                    + "--initial-cluster " + RejoinArguments.initialCluster(context.spec(), joined.live()));
        }
        did.add(promote(context, node, deadline));
        Situation after = situation(context);
        LiveMember member = after.own().filter(own -> !own.learner()).orElseThrow(() -> new TargetException(
                Kind.FAILED, node.id() + " was promoted, but the member list does not show it as a voting member"));
        return StepOutcome.succeeded("replaced " + node.id() + ": " + String.join("; ", did) + "; " + node.id()
                + " votes again as member " + hex(member.id()));
    }

    /**
     * Promotes the node's learner: asks while it is a learner that has started, pausing between refusals, until the
     * member list shows it voting or the step's deadline passes (TIMEOUT).
     */
    private String promote(StepContext context, NodeSpec node, long deadline) throws InterruptedException {
        Duration pause = FIRST_PAUSE;
        int refusals = 0;
        String lastRefusal = "it has not started yet";
        while (true) {
            Situation now = situation(context);
            LiveMember own = now.own().orElseThrow(() -> new TargetException(Kind.FAILED, node.id()
                    + " left the member list while waiting to promote it"));
            if (!own.learner()) {
                return "promoted learner " + hex(own.id()) + " after " + refusals + " refusal(s) while not in sync";
            }
            if (own.started()) {
                admit(context, "promote learner " + hex(own.id()) + " (" + node.id() + ")");
                EtcdctlMemberPromote.Answer answer = etcd.promote(now.endpoint(), context.spec().security(), own.id());
                if (answer.accepted()) {
                    continue;
                }
                refusals++;
                lastRefusal = "exit " + answer.exitCode() + ": " + answer.output();
                LOG.debugf("REPLACE_MEMBER %s: promote of %s refused (%s)", node.id(), hex(own.id()), lastRefusal);
            }
            if (System.nanoTime() > deadline) {
                throw new TargetException(Kind.TIMEOUT, "learner " + hex(own.id()) + " of " + node.id()
                        + " is not promoted within " + context.timeout() + " (last: " + lastRefusal + ")");
            }
            Thread.sleep(pause.toMillis());
            pause = Backoff.doubled(pause, MAX_PAUSE);
        }
    }

    /**
     * Runs a membership change (which reads the live list first, so that a repeat is harmless) again while etcd answers
     * UNAVAILABLE ({@link Kind#REFUSED}: e.g. {@code unhealthy cluster}, its strict reconfiguration check while its
     * peers have been connected for less than its health interval) or not in time ({@link Kind#TIMEOUT}: e.g. during
     * an election), until the step's deadline.
     */
    private static long untilAccepted(long deadline, LongSupplier change) throws InterruptedException {
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                return change.getAsLong();
            } catch (TargetException e) {
                if ((e.kind() != Kind.REFUSED && e.kind() != Kind.TIMEOUT) || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.debugf("membership change refused, trying again: %s", e.getMessage());
            }
            Thread.sleep(pause.toMillis());
            pause = Backoff.doubled(pause, MAX_PAUSE);
        }
    }

    @Override
    public String describe(StepContext context) {
        try {
            Situation now = situation(context);
            Optional<String> done = done(context, now);
            if (done.isPresent()) {
                return "would skip: " + done.get();
            }
            Optional<String> refusal = refusal(context, now);
            if (refusal.isPresent()) {
                return "would fail: " + refusal.get();
            }
            return "would " + String.join("; then ", plan(context, now));
        } catch (TargetException e) {
            return "would fail now: " + e.getMessage();
        }
    }

    /** What {@link #replace} would do from {@code now}, in words. */
    private List<String> plan(StepContext context, Situation now) {
        NodeSpec node = now.node();
        List<String> would = new ArrayList<>();
        if (now.needsEmptyDataDir()) {
            List<Path> sources = now.dataDir().sources();
            would.add(sources.isEmpty() ? "find nothing to back up in " + node.dataDir() : "back up " + sources
                    + " of " + node.dataDir() + " to " + now.dataDir().backupDir() + " with sha256 sidecars");
        }
        now.own().filter(own -> now.oldVoter()).ifPresent(own -> would.add("remove member " + hex(own.id()) + " ("
                + node.id() + ") through " + now.endpoint()));
        if (now.needsEmptyDataDir()) {
            would.add(now.dataDir().present() ? "move " + node.dataDir() + " aside to " + now.dataDir().aside()
                    : "find no data dir at " + node.dataDir() + " to move aside");
        }
        List<LiveMember> membership = new ArrayList<>(now.live());
        if (now.needsLearner()) {
            now.own().ifPresent(membership::remove);
            membership.add(new LiveMember(0, "", List.of(), true, List.of(node.endpoints().peer())));
            would.add("add a learner with peer URL " + node.endpoints().peer());
        }
        if (!now.process().running()) {
            would.add("start " + drivers.forNode(node).describeStart(node,
                    RejoinArguments.derive(command(node), context.spec(), membership)));
        }
        would.add("promote the learner once etcd finds it in sync (etcdctl member promote, retried within "
                + context.timeout() + ") and confirm from the member list that it votes");
        return would;
    }

    /** Why nothing is left to do: the node votes, runs and answers with a leader. */
    private Optional<String> done(StepContext context, Situation now) {
        Optional<LiveMember> voter = now.own().filter(own -> !own.learner() && own.started());
        if (voter.isEmpty() || !now.process().running()
                || !etcd.isHealthy(now.node().endpoints().client(), context.spec().security())) {
            return Optional.empty();
        }
        String replaced = now.dataDir().movedAsideBefore() ? " (already replaced by plan " + context.plan().planId()
                + ": its old data dir is aside beside " + now.node().dataDir() + ")" : "";
        return Optional.of(now.node().id() + " is voting member " + hex(voter.get().id()) + ", runs as pid "
                + now.process().pid() + " and answers with a leader; nothing to replace" + replaced);
    }

    /** Why the member must not be replaced now: its process runs, or something answers on its client URL. */
    private Optional<String> refusal(StepContext context, Situation now) {
        NodeSpec node = now.node();
        boolean replacing = now.needsEmptyDataDir();
        if (replacing && now.process().running()) {
            return Optional.of("refusing to replace " + node.id() + " while its process runs as pid "
                    + now.process().pid() + "; stop it first");
        }
        if (replacing && etcd.statusIfAnswering(node.endpoints().client(), context.spec().security()).isPresent()) {
            return Optional.of("refusing to replace " + node.id() + ": something answers on its client URL "
                    + node.endpoints().client() + " although its driver finds no process");
        }
        return Optional.empty();
    }

    /** The live view through the first other member that answers its member list. */
    private Situation situation(StepContext context) {
        ClusterSpec spec = context.spec();
        NodeSpec node = context.node().orElseThrow(() -> new IllegalStateException(context.describe()
                + " names no node"));
        TargetException last = null;
        for (NodeSpec other : spec.nodes()) {
            if (other.id().equals(node.id())) {
                continue;
            }
            try {
                List<LiveMember> live = etcd.members(other.endpoints().client(), spec.security());
                NodeDriver driver = drivers.forNode(node);
                return new Situation(node, other.endpoints().client(), live, own(live, node), driver.inspect(node),
                        retirement(context, node));
            } catch (TargetException e) {
                last = e;
            }
        }
        throw new TargetException(Kind.FAILED, "no other member of " + spec.id() + " answers its member list, so "
                + "the membership cannot change now" + (last == null ? "" : " (last: " + last.getMessage() + ")"));
    }

    /** The node's entry: by its peer URL from the spec, else by its name. */
    private static Optional<LiveMember> own(List<LiveMember> live, NodeSpec node) {
        return live.stream().filter(member -> member.peerUrls().contains(node.endpoints().peer())).findFirst()
                .or(() -> live.stream().filter(member -> member.name().equals(node.id())).findFirst());
    }

    private static DataDirRetirement retirement(StepContext context, NodeSpec node) {
        String planId = context.plan().planId();
        return new DataDirRetirement(Path.of(node.dataDir()), Path.of(context.spec().backup().directory(),
                context.spec().id(), "replaced", planId + "-" + node.id()), planId);
    }

    private static List<String> command(NodeSpec node) {
        if (node.control() instanceof ProcessControl control) {
            return control.command();
        }
        throw new TargetException(Kind.LOCAL, node.id() + " is not a local process; REPLACE_MEMBER derives its "
                + "rejoin arguments from a process command");
    }

    private static void admit(StepContext context, String act) {
        context.refusalBefore(act).ifPresent(outcome -> {
            throw new NotAdmitted(outcome);
        });
    }

    private static String hex(long id) {
        return Long.toHexString(id);
    }
}
