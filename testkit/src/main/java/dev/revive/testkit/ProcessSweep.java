package dev.revive.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Finds and kills processes by their argument list, including processes that were started
 * outside this JVM (for example a member restarted by an executor service).
 */
final class ProcessSweep {

    private ProcessSweep() {
    }

    /** Live processes (other than this JVM) whose command and arguments satisfy {@code match}. */
    static List<ProcessHandle> find(Predicate<List<String>> match) {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
            .filter(process -> process.pid() != self)
            .filter(process -> match.test(commandLine(process)))
            .collect(Collectors.toList());
    }

    /** Processes with an argument containing {@code text}, e.g. a directory plus separator. */
    static List<ProcessHandle> withArgumentContaining(String text) {
        return find(args -> args.stream().anyMatch(arg -> arg.contains(text)));
    }

    /** Processes with an argument exactly equal to {@code argument}. */
    static List<ProcessHandle> withArgument(String argument) {
        return find(args -> args.contains(argument));
    }

    /**
     * Sends SIGKILL to every process and to its descendants, and waits up to {@code timeout} for each to exit.
     * Descendants matter: a forked child renames itself (Redis's {@code redis-rdb-bgsave}, for one), so no argument
     * names its directory, and once orphaned it would go on writing there.
     */
    static void killAndWait(List<ProcessHandle> processes, Duration timeout) {
        List<ProcessHandle> all = new ArrayList<>(processes);
        processes.forEach(process -> process.descendants().forEach(all::add));
        all.forEach(ProcessHandle::destroyForcibly);
        awaitExit(all, timeout);
    }

    /** Waits until every process has exited; returns the ones still alive at the deadline. */
    static List<ProcessHandle> awaitExit(List<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ProcessHandle> alive = new ArrayList<>();
        for (ProcessHandle process : processes) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!waitFor(process, left)) {
                alive.add(process);
            }
        }
        return alive;
    }

    private static boolean waitFor(ProcessHandle process, long nanos) {
        try {
            process.onExit().get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static List<String> commandLine(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        List<String> line = new ArrayList<>();
        info.command().ifPresent(line::add);
        info.arguments().ifPresent(args -> line.addAll(List.of(args)));
        return line;
    }
}
