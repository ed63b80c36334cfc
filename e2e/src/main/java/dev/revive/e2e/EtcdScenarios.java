package dev.revive.e2e;

import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.testkit.EtcdMember;
import dev.revive.testkit.EtcdWal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The demo's etcd runbook scenarios ({@code --scenario}): each breaks the stack's target cluster its own way (or, for
 * a rollback, writes what must be undone), lets the
 * timeline print as Revive recovers, and returns the final report after printing it, its MTTR and the time from the
 * fault to the report. The printer must already receive the event log's entries.
 */
final class EtcdScenarios {

    private static final int KEYS = 200;
    private static final int BATCH = 10;
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final ReviveStack stack;
    private final TimelinePrinter printer;
    private final Clock clock;
    private final Duration recoveryTimeout;
    private final Recoveries recoveries;

    EtcdScenarios(ReviveStack stack, TimelinePrinter printer, Clock clock, Duration recoveryTimeout) {
        this.stack = stack;
        this.printer = printer;
        this.clock = clock;
        this.recoveryTimeout = recoveryTimeout;
        this.recoveries = new Recoveries(stack.events());
    }

    /** Runs {@code scenario} on a workload of its own and returns its final report. */
    RecoveryReport run(DemoOptions.Scenario scenario, boolean killLeader) throws Exception {
        try (Workload workload = new Workload(stack.target().endpoints())) {
            return switch (scenario) {
                case MEMBER_KILL -> memberKill(workload, killLeader);
                case ROLLING -> rolling(workload);
                case REPLACE -> replace(workload);
                case CLUSTER_CRASH -> clusterCrash(workload);
                case ROLLBACK -> rollback(workload);
            };
        }
    }

    /** Writes data, kills a member with SIGKILL, writes more, and returns the report of its recovery. */
    private RecoveryReport memberKill(Workload workload, boolean killLeader) throws InterruptedException {
        System.out.printf("%nWrote %d keys into the target cluster.%n", workload.write("demo/before", KEYS));
        EtcdMember victim = killLeader ? stack.target().leader() : stack.followers().get(0);
        Instant killedAt = kill(List.of(victim), (killLeader ? "leader " : "follower ") + victim.name());
        int during = workload.write("demo/during", KEYS);
        printer.say(clock.instant(), "written", during + " more keys since the kill, while Revive recovers "
                + victim.name());
        RecoveryReport report = Polling.await("recovery report for " + victim.name(), recoveryTimeout,
                () -> recoveries.reportFor(victim.name(), killedAt));
        return finish("member-kill", killedAt, report);
    }

    /**
     * While a small workload writes, posts a critical cluster-wide alert (no node) as Alertmanager would, and returns
     * the report of the rolling restart it causes: followers first, the leader last after handing leadership on.
     */
    private RecoveryReport rolling(Workload workload) throws Exception {
        EtcdMember leader = stack.target().leader();
        Instant alertedAt;
        RollingRestarts roll;
        int written;
        try (BackgroundWrites writes = BackgroundWrites.start(workload, "demo/rolling", BATCH)) {
            alertedAt = clock.instant();
            printer.resetOrigin(alertedAt);
            System.out.printf("%nLeader %s. A workload writes while an alert for the whole cluster is posted to the "
                    + "detector, as Alertmanager would; the timeline follows.%n%n", leader.name());
            printer.say(alertedAt, "alerted", "EtcdClusterSick for " + ReviveStack.CLUSTER_ID + " (no node), CRITICAL");
            roll = RollingRestarts.alert(new OperatorApi(stack), recoveries, ReviveStack.CLUSTER_ID, "EtcdClusterSick");
            written = writes.stop();
        }
        System.out.printf("%nRestart order: %s (the leader at the start was %s).%n",
                String.join(" → ", roll.startOrder()), leader.name());
        RecoveryReport report = finish("rolling", alertedAt, roll.report());
        printCounts("demo/rolling/", written, stack.target().members());
        return report;
    }

    /**
     * Kills a follower and corrupts its WAL, so that its restart fails and the plan aborts; returns the report of the
     * replacement that follows (learner, promote).
     */
    private RecoveryReport replace(Workload workload) throws InterruptedException {
        System.out.printf("%nWrote %d keys into the target cluster.%n", workload.write("demo/before", KEYS));
        EtcdMember victim = stack.followers().get(0);
        Instant killedAt = kill(List.of(victim), "follower " + victim.name());
        EtcdWal.corrupt(victim);
        printer.say(clock.instant(), "corrupted", "the WAL of " + victim.name() + ": it cannot start again");
        int during = workload.write("demo/replaced", KEYS);
        printer.say(clock.instant(), "written", during + " more keys while " + victim.name() + " is out");
        MemberReplacement replaced = MemberReplacement.await(recoveries, victim.name(), killedAt, recoveryTimeout);
        System.out.printf("%nThe restart %s ended %s; the replacement %s ended %s.%n", replaced.restart().planId(),
                ended(replaced.restart()), replaced.replacement().planId(), ended(replaced.replacement()));
        RecoveryReport report = finish("replace", killedAt, replaced.report());
        printCounts("demo/replaced/", during, List.of(victim));
        return report;
    }

    /**
     * Kills every member at once and returns the report of the full-crash plan (back up each member's data, start
     * all, await quorum, await each).
     */
    private RecoveryReport clusterCrash(Workload workload) throws InterruptedException {
        System.out.printf("%nWrote %d keys into the target cluster.%n", workload.write("demo/crash", KEYS));
        List<EtcdMember> members = stack.target().members();
        Instant killedAt = kill(members, "every member");
        RecoveryPlan plan = WholeClusterPlans.awaitFullRestart(stack.events(), killedAt, recoveryTimeout);
        RecoveryReport report = Polling.await("report of " + plan.planId(), recoveryTimeout,
                () -> recoveries.reportsOf(List.of(plan)).stream().findFirst());
        RecoveryReport result = finish("cluster-crash", killedAt, report);
        printCounts("demo/crash/", KEYS, members);
        return result;
    }

    /**
     * Writes good keys, lets a follower's restart snapshot them, writes bad keys (and overwrites a good one), then asks
     * for a rollback to that snapshot as an operator would ({@code POST /clusters/{id}/rollback}); returns the report of
     * the rollback (every member stopped, restored from the snapshot, started).
     */
    private RecoveryReport rollback(Workload workload) throws Exception {
        int good = workload.write("demo/good", KEYS);
        System.out.printf("%nWrote %d good keys; a follower's restart snapshots them first.%n", good);
        EtcdMember follower = stack.followers().get(0);
        Instant killedAt = kill(List.of(follower), "follower " + follower.name() + " (its restart takes the snapshot)");
        RecoveryReport restart = Polling.await("recovery report for " + follower.name(), recoveryTimeout,
                () -> recoveries.reportFor(follower.name(), killedAt));
        String snapshot = WholeClusterPlans.snapshotOf(stack, restart);
        int bad = workload.write("demo/bad", KEYS / 2);
        workload.put("demo/good/000000", "overwritten by mistake");
        Instant askedAt = clock.instant();
        printer.resetOrigin(askedAt);
        System.out.printf("%nSnapshot %s holds the good keys. Then %d bad keys were written and a good one overwritten;"
                + " a rollback to the snapshot is asked for; the timeline follows.%n%n", snapshot, bad);
        int status = new OperatorApi(stack).rollback(ReviveStack.CLUSTER_ID, snapshot, "demo-operator",
                "bad keys written").statusCode();
        printer.say(askedAt, "asked", "POST /clusters/" + ReviveStack.CLUSTER_ID + "/rollback to " + snapshot
                + " → " + status);
        if (status != 202) {
            throw new IllegalStateException("the planner answered " + status + " to the rollback");
        }
        RecoveryPlan plan = WholeClusterPlans.awaitRollback(stack.events(), askedAt, recoveryTimeout);
        RecoveryReport report = Polling.await("report of " + plan.planId(), recoveryTimeout,
                () -> recoveries.reportsOf(List.of(plan)).stream().findFirst());
        RecoveryReport result = finish("rollback", askedAt, report);
        printCounts("demo/good/", good, stack.target().members());
        printCounts("demo/bad/", 0, stack.target().members());
        return result;
    }

    private Instant kill(List<EtcdMember> victims, String what) {
        Instant killedAt = clock.instant();
        printer.resetOrigin(killedAt);
        System.out.printf("%nKilling %s (pid %s) with SIGKILL; the timeline follows.%n%n", what, victims.stream()
                .map(member -> String.valueOf(member.pid().orElse(-1))).collect(Collectors.joining(", ")));
        victims.forEach(stack.target()::kill);
        printer.say(killedAt, "killed", what + " with SIGKILL");
        return killedAt;
    }

    /** Prints the report, its MTTR and the time from the fault to the report being seen. */
    private RecoveryReport finish(String scenario, Instant faultAt, RecoveryReport report) {
        printer.printReport(report);
        Instant seen = stack.events().seenAt(report).orElse(clock.instant());
        System.out.printf("%nScenario %s: fault to report %d ms, detection %d ms, MTTR %d ms.%n", scenario,
                Duration.between(faultAt, seen).toMillis(),
                Duration.between(faultAt, report.timeline().detectedAt()).toMillis(), report.mttr().toMillis());
        return report;
    }

    /** The plan's outcome with its detail, or that it has none yet. */
    private String ended(RecoveryPlan plan) {
        return recoveries.outcomesOf(List.of(plan)).stream()
                .map(outcome -> outcome.outcome() + (outcome.detail() == null ? "" : " (" + outcome.detail() + ")"))
                .findFirst().orElse("no outcome yet");
    }

    /** Prints how many of the {@code expected} keys under {@code prefix} each member holds, once caught up. */
    private static void printCounts(String prefix, int expected, List<EtcdMember> members)
            throws InterruptedException {
        for (EtcdMember member : members) {
            long held;
            try {
                held = Polling.await(member.name() + " holding " + expected + " keys", CATCH_UP,
                        () -> Optional.of(countOn(member, prefix)).filter(count -> count == expected));
            } catch (IllegalStateException notCaughtUp) {
                held = countOn(member, prefix);
            }
            System.out.printf("  %s holds %d of the %d keys written under %s%n", member.name(), held, expected, prefix);
        }
    }

    /** The keys under {@code prefix} on {@code member} alone, or -1 when it does not answer in time. */
    private static long countOn(EtcdMember member, String prefix) {
        try {
            return Workload.countOn(member.clientUrl(), prefix);
        } catch (ExecutionException | TimeoutException notAnswered) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            throw new IllegalStateException("cannot count the keys on " + member.name(), e);
        }
    }
}
