package dev.revive.targets.driver;

import dev.revive.contracts.cluster.ProcessControl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * Finds the live processes of a node and proves that each one runs exactly the node's command, so
 * that a pid that was recycled by an unrelated process is never signalled.
 */
final class ProcessFinder {

    private static final Logger LOG = Logger.getLogger(ProcessFinder.class);
    private static final String DELETED_SUFFIX = " (deleted)";

    /** A live process of the node and how it was found. */
    record Found(ProcessHandle handle, NodeProcess.FoundBy foundBy) {
    }

    /**
     * The node's live processes: the one its pid file names when that one runs the node's command (or the command
     * the driver recorded when it started the node with other arguments, {@link StartedCommand}), otherwise every
     * live process whose command line is exactly one of those.
     */
    List<Found> find(ProcessControl control) {
        PidFile pidFile = new PidFile(Path.of(control.pidFile()));
        List<List<String>> commands = commands(control);
        OptionalLong recorded = pidFile.read();
        if (recorded.isPresent()) {
            Optional<ProcessHandle> handle = ProcessHandle.of(recorded.getAsLong())
                    .filter(candidate -> runsAny(candidate, commands));
            if (handle.isPresent()) {
                return List.of(new Found(handle.get(), NodeProcess.FoundBy.PID_FILE));
            }
            LOG.debugf("pid file %s names pid %d, which does not run %s; searching by command line", pidFile,
                    recorded.getAsLong(), control.command().get(0));
        }
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(candidate -> candidate.pid() != self)
                .filter(candidate -> runsAny(candidate, commands))
                .sorted(Comparator.comparingLong(ProcessHandle::pid))
                .map(handle -> new Found(handle, NodeProcess.FoundBy.COMMAND_LINE))
                .toList();
    }

    /** The spec's command, and the one the driver last started the node with when that differs. */
    private static List<List<String>> commands(ProcessControl control) {
        return new StartedCommand(Path.of(control.pidFile())).read(control.command().get(0))
                .filter(started -> !started.equals(control.command()))
                .map(started -> List.of(control.command(), started))
                .orElse(List.of(control.command()));
    }

    private static boolean runsAny(ProcessHandle process, List<List<String>> commands) {
        return commands.stream().anyMatch(command -> runs(process, command));
    }

    /** True when {@code process} is alive and its executable and arguments are exactly {@code command}. */
    static boolean runs(ProcessHandle process, List<String> command) {
        if (!process.isAlive()) {
            return false;
        }
        ProcessHandle.Info info = process.info();
        Optional<String> executable = info.command();
        if (executable.isEmpty() || !sameExecutable(executable.get(), command.get(0))) {
            return false;
        }
        List<String> expected = command.subList(1, command.size());
        List<String> actual = info.arguments().map(Arrays::asList).orElse(List.of());
        return actual.equals(expected);
    }

    /** The kernel reports the resolved executable; the spec may name it through symbolic links. */
    private static boolean sameExecutable(String running, String configured) {
        String actual = running.endsWith(DELETED_SUFFIX)
                ? running.substring(0, running.length() - DELETED_SUFFIX.length()) : running;
        if (actual.equals(configured)) {
            return true;
        }
        try {
            return Path.of(configured).toRealPath().equals(Path.of(actual));
        } catch (IOException e) {
            return false;
        }
    }
}
