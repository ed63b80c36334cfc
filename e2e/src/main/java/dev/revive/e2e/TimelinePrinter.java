package dev.revive.e2e;

import java.io.PrintStream;
import java.time.Instant;

/** The CLI's {@link dev.revive.cli.TimelinePrinter} fed from an {@link EventLog}: the demo's live timeline. */
public final class TimelinePrinter extends dev.revive.cli.TimelinePrinter {

    /** A printer to {@code out}, times relative to {@code origin}. */
    public TimelinePrinter(PrintStream out, Instant origin) {
        super(out, origin);
    }

    /** The line for one committed record of the log. */
    public void print(EventLog.Entry entry) {
        print(entry.topic(), entry.value(), entry.seenAt(), entry.headers());
    }
}
