package dev.revive.e2e;

import dev.revive.contracts.report.RecoveryReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What every demo target does around its fault: the SIGKILL announced and marked on the timeline, then the report
 * about the killed node awaited and printed check by check.
 */
final class FaultDemo {

    private final ReviveStack stack;
    private final TimelinePrinter printer;
    private final Clock clock;
    private final Duration recoveryTimeout;

    FaultDemo(ReviveStack stack, TimelinePrinter printer, Clock clock, Duration recoveryTimeout) {
        this.stack = stack;
        this.printer = printer;
        this.clock = clock;
        this.recoveryTimeout = recoveryTimeout;
    }

    /** Kills {@code what} (process {@code pid}) by running {@code kill}; the timeline starts there. */
    Instant kill(String what, long pid, Runnable kill) {
        Instant killedAt = clock.instant();
        printer.resetOrigin(killedAt);
        System.out.printf("%nKilling %s (pid %d) with SIGKILL; the timeline follows.%n%n", what, pid);
        kill.run();
        printer.say(killedAt, "killed", what + " with SIGKILL");
        return killedAt;
    }

    /** The report of the recovery of {@code nodeId} after {@code killedAt}, printed. */
    RecoveryReport awaitReport(String nodeId, Instant killedAt) throws InterruptedException {
        Recoveries recoveries = new Recoveries(stack.events());
        RecoveryReport report = Polling.await("recovery report for " + nodeId, recoveryTimeout,
                () -> recoveries.reportFor(nodeId, killedAt));
        printer.printReport(report);
        return report;
    }
}
