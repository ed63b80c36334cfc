package dev.revive.targets.generic;

import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import dev.revive.targets.process.BoundedCommand;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs a declared check command through {@link BoundedCommand}, bounded by the call timeout, and holds it to its
 * expected exit code. A command that cannot be started or read counts as a FAILED answer of the node's check.
 */
final class CommandRunner {

    private final BoundedCommand command;

    CommandRunner(Duration timeout, int maxOutput) {
        this.command = new BoundedCommand(timeout, maxOutput);
    }

    /** Runs {@code argv}; returns its output when it exits with {@code exitCode}. */
    String run(List<String> argv, int exitCode) {
        BoundedCommand.Exited exited;
        try {
            exited = command.run(argv, Map.of());
        } catch (TargetException e) {
            throw e.kind() == Kind.LOCAL ? new TargetException(Kind.FAILED, e.getMessage(), e) : e;
        }
        if (exited.code() != exitCode) {
            throw new TargetException(Kind.FAILED, argv.get(0) + " exited with " + exited.code() + ", expected "
                    + exitCode);
        }
        return exited.output();
    }
}
