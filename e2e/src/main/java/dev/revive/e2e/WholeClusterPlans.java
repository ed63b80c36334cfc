package dev.revive.e2e;

import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The plans that act on every member at once, as the event log shows them (for the demo and the ITs): the full-crash
 * plan (cluster-wide, backs up each member's data first) and the rollback plan (restores each member from a
 * snapshot); and the snapshot a plan took, by its file name in the cluster's backup directory.
 */
final class WholeClusterPlans {

    private WholeClusterPlans() {
    }

    /**
     * The first cluster-wide plan with BACKUP_DATA steps created at or after {@code since}, within {@code timeout}.
     *
     * @throws IllegalStateException when none comes in time
     */
    static RecoveryPlan awaitFullRestart(EventLog events, Instant since, Duration timeout) throws InterruptedException {
        return awaitPlan(events, since, timeout, Action.BACKUP_DATA, "plan that starts the whole cluster");
    }

    /**
     * The first cluster-wide plan with RESTORE_SNAPSHOT steps created at or after {@code since}, within
     * {@code timeout}.
     *
     * @throws IllegalStateException when none comes in time
     */
    static RecoveryPlan awaitRollback(EventLog events, Instant since, Duration timeout) throws InterruptedException {
        return awaitPlan(events, since, timeout, Action.RESTORE_SNAPSHOT, "plan that rolls the cluster back");
    }

    /** The file name of the snapshot the plan of {@code report} took, in the stack's target backup directory. */
    static String snapshotOf(ReviveStack stack, RecoveryReport report) {
        Path backups = Path.of(stack.spec().backup().directory()).resolve(stack.spec().id());
        try (Stream<Path> files = Files.list(backups)) {
            Optional<String> snapshot = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith(report.planId() + "-") && name.endsWith(".db")).findFirst();
            return snapshot.orElseThrow(() -> new IllegalStateException("no snapshot of " + report.planId()
                    + " in " + backups));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + backups, e);
        }
    }

    private static RecoveryPlan awaitPlan(EventLog events, Instant since, Duration timeout, Action action,
            String what) throws InterruptedException {
        return Polling.await(what, timeout, () -> events.plans().stream()
                .filter(plan -> !plan.createdAt().isBefore(since) && plan.scope() == PlanScope.CLUSTER)
                .filter(plan -> plan.steps().stream().anyMatch(step -> step.action() == action))
                .findFirst());
    }
}
