package dev.revive.e2e;

import dev.revive.testkit.EtcdMember;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How often an etcd member was started, counted on the target itself rather than from Revive's events: etcd logs
 * {@value #START_LINE} exactly once per process start, and the member's log file is appended to by every start (by
 * the testkit and by the executor's process driver alike). With the identity of the running process (pid and start
 * time, from the kernel), it tells "started exactly once more" and "never touched" apart.
 *
 * <p>A wrapper script in the spec's command cannot do this: the executor identifies a node's process by its exact
 * command line, and a wrapper that {@code exec}s etcd changes it.
 */
public final class MemberStarts {

    /** The line etcd (zap logger) writes once at the start of every process. */
    static final String START_LINE = "\"msg\":\"starting an etcd server\"";

    private MemberStarts() {
    }

    /** What a member's process looked like at one moment: how many starts its log shows and which process runs. */
    public record Sample(String member, long starts, Optional<RunningProcess> process) {
    }

    /** A running process, told apart from a later one with the same pid by its start time. */
    public record RunningProcess(long pid, Optional<Instant> startedAt) {
    }

    /** The sample of {@code member} now. */
    public static Sample of(EtcdMember member) {
        return new Sample(member.name(), count(member.logFile()), member.processHandle()
                .map(handle -> new RunningProcess(handle.pid(), handle.info().startInstant())));
    }

    /** How many process starts the member's log file shows. */
    static long count(Path logFile) {
        if (!Files.exists(logFile)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(logFile)) {
            return lines.filter(line -> line.contains(START_LINE)).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + logFile, e);
        }
    }
}
