package dev.revive.contracts.cluster;

import dev.revive.contracts.validation.Check;
import dev.revive.contracts.validation.ContractViolation;
import dev.revive.contracts.validation.ContractViolation.Reason;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A node that is a local process, started from an argument list (never a shell string).
 *
 * @param command     the program and its arguments; the first element is an absolute path
 * @param workingDir  the working directory, or null for the data dir's parent
 * @param env         extra environment variables
 * @param pidFile     where the driver keeps the pid of the process it started
 * @param logFile     where the process's stdout and stderr go
 * @param stopTimeout how long a graceful stop waits before SIGKILL (default 10 s)
 */
public record ProcessControl(
        List<String> command, String workingDir, Map<String, String> env, String pidFile, String logFile, Duration stopTimeout)
        implements ControlSpec {

    /** The stop timeout used when a spec gives none. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

    public ProcessControl {
        command = Check.list("command", command, (field, argument) -> {
            Check.optionalText(field, argument);
            if (argument.indexOf('\0') >= 0) {
                throw new ContractViolation(field, Reason.INVALID_VALUE, "must not contain NUL characters");
            }
        });
        if (command.isEmpty()) {
            throw new ContractViolation("command", Reason.MISSING_FIELD, "must name at least the program");
        }
        Check.absolutePath("command[0]", command.get(0));
        Check.optionalPath("workingDir", workingDir);
        env = Check.textMap("env", env);
        Check.absolutePath("pidFile", pidFile);
        Check.absolutePath("logFile", logFile);
        stopTimeout = Check.positive("stopTimeout", stopTimeout == null ? DEFAULT_STOP_TIMEOUT : stopTimeout);
    }
}
