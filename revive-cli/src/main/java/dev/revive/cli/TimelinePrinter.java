package dev.revive.cli;

import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.RecoveryReport;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prints what Revive does as a live timeline, one line per event, times relative to an origin: a fault, a plan, a
 * progress line per finished step (with its duration), the outcome, the report, a dead letter. The CLI's
 * {@code incidents --watch} and the demo (e2e's subclass) print with it.
 */
public class TimelinePrinter {

    private static final int MAX_TEXT = 220;

    private final PrintStream out;
    private final Map<String, Instant> stepStarts = new ConcurrentHashMap<>();
    private volatile Instant origin;

    /** A printer to {@code out}, times relative to {@code origin}. */
    public TimelinePrinter(PrintStream out, Instant origin) {
        this.out = out;
        this.origin = origin;
    }

    /** Times from now on are relative to {@code origin}. */
    public void resetOrigin(Instant newOrigin) {
        origin = newOrigin;
    }

    /** A line the demo itself has to say (e.g. what it killed). */
    public void say(Instant at, String what, String text) {
        line(at, what, text);
    }

    /**
     * The line for one committed record.
     *
     * @param topic   the topic it was read from
     * @param value   the decoded value (a DLQ record's is its raw bytes)
     * @param seenAt  when it was read
     * @param headers its headers as text
     */
    public synchronized void print(String topic, Object value, Instant seenAt, Map<String, String> headers) {
        if (value instanceof FaultEvent fault) {
            line(fault.observedAt(), fault.isRecovery() ? "recovered" : "detected",
                    fault.kind() + " " + fault.subject() + " by " + fault.source() + " " + fault.evidence().keySet());
        } else if (value instanceof RecoveryPlan plan) {
            line(plan.createdAt(), "planned", plan.planId() + " " + plan.mode() + " " + plan.scope() + ", "
                    + plan.steps().size() + " steps" + (plan.modeReason() == null ? "" : " (" + plan.modeReason() + ")"));
        } else if (value instanceof StepEvent step) {
            printStep(step);
        } else if (value instanceof PlanOutcome outcome) {
            line(outcome.at(), "executed", outcome.outcome() + " " + outcome.planId() + " in "
                    + millis(Duration.between(outcome.startedAt(), outcome.at())) + nullToEmpty(outcome.detail()));
        } else if (value instanceof RecoveryReport report) {
            long passed = report.checks().stream().filter(check -> check.status().name().equals("PASS")).count();
            line(report.timeline().verifiedAt(), "verified", report.verdict() + ", " + passed + "/"
                    + report.checks().size() + " checks pass, MTTR " + millis(report.mttr()));
        } else if (topic.endsWith("dlq")) {
            line(seenAt, "rejected", headers.get(DeadLetters.REASON) + " "
                    + headers.get(DeadLetters.FIELD) + " from " + headers.get(DeadLetters.SOURCE_TOPIC));
        } else {
            line(seenAt, "invalid", topic + ": " + value);
        }
    }

    /** The final report, check by check. */
    public void printReport(RecoveryReport report) {
        out.printf("%nRecovery report %s — verdict %s%n", report.reportId(), report.verdict());
        for (CheckResult check : report.checks()) {
            out.printf("  %-6s %-22s observed: %s%n         %-22s expected: %s%n", check.status(), check.name(),
                    check.observed(), "", check.expected());
        }
        var timeline = report.timeline();
        out.printf("  detected → planned %s → execution started %s → finished %s → verified %s; MTTR %s%n",
                hop(timeline.detectedAt(), timeline.plannedAt()), hop(timeline.plannedAt(), timeline.executionStartedAt()),
                hop(timeline.executionStartedAt(), timeline.executionFinishedAt()),
                hop(timeline.executionFinishedAt(), timeline.verifiedAt()), millis(report.mttr()));
    }

    private void printStep(StepEvent step) {
        String key = step.planId() + "/" + step.stepId() + "/" + step.attempt();
        if (step.status() == StepStatus.STARTED) {
            stepStarts.put(key, step.at());
            return;
        }
        Instant started = stepStarts.getOrDefault(key, step.at());
        line(step.at(), "  step", String.format("%-20s %-16s %-8s %-9s %7s  %s", step.stepId(), step.action(),
                step.nodeId() == null ? "-" : step.nodeId(), step.status(), millis(Duration.between(started, step.at())),
                nullToEmpty(step.detail())));
    }

    private void line(Instant at, String what, String text) {
        double seconds = Duration.between(origin, at).toMillis() / 1000.0;
        String shown = text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
        out.printf("%8.3fs  %-10s %s%n", seconds, what, shown);
    }

    private static String hop(Instant from, Instant to) {
        return from == null || to == null ? "?" : millis(Duration.between(from, to));
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : " " + text;
    }
}
