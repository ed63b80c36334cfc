package dev.revive.targets.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NewLogErrorsTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** 10:00:00 local time in {@link #ZONE} (UTC+1 in November). */
    private static final Instant RESTART = Instant.parse("2026-11-30T09:00:00Z");

    @TempDir
    Path dir;

    private final NewLogErrors logs = new NewLogErrors(ZONE, NewLogErrors.DEFAULT_MAX_BYTES);

    /** A log written around the restart at 10:00 local time, and the lines of it that are new errors. */
    static Stream<Arguments> logsAroundTheRestart() {
        return Stream.of(
                example("error lines before the restart are old",
                        List.of("2026-11-30 09:59:59,999 [main] ERROR Server - before the restart",
                                "2026-11-30 10:00:01,000 [main] INFO Server - serving"),
                        List.of()),
                example("an error line stamped after the restart is new",
                        List.of("2026-11-30 09:59:00,000 [main] INFO Server - starting",
                                "2026-11-30 10:00:02,500 [main] ERROR Server - cannot open channel"),
                        List.of("2026-11-30 10:00:02,500 [main] ERROR Server - cannot open channel")),
                example("ISO timestamps are judged in their own offset: 09:30 UTC is after, 08:59 UTC before",
                        List.of("2026-11-30T08:59:00.000Z ERROR old one",
                                "2026-11-30T10:30:00.000+01:00 [main] ERROR new one",
                                "2026-11-30T09:59:00+01:00 ERROR old again"),
                        List.of("2026-11-30T10:30:00.000+01:00 [main] ERROR new one")),
                example("lines without a timestamp belong to the line before",
                        List.of("2026-11-30 09:59:00,000 [main] WARN Server - old trouble",
                                "java.lang.IllegalStateException: ERROR inside an old stack trace",
                                "2026-11-30 10:00:05,000 [main] WARN Server - new trouble",
                                "\tat ERROR.in.a.new.stack.Trace(Trace.java:1)"),
                        List.of("\tat ERROR.in.a.new.stack.Trace(Trace.java:1)")),
                example("lines before the first timestamp are not judged",
                        List.of("ERROR without any time",
                                "2026-11-30 10:00:05,000 [main] INFO Server - serving"),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logsAroundTheRestart")
    void findsTheErrorLinesWrittenSinceTheRestart(List<String> lines, List<String> newErrors) throws IOException {
        // given
        Path log = log("n1.log", lines.toArray(String[]::new));

        // when / then
        assertThat(logs.errorsSince(log, RESTART)).containsExactlyElementsOf(newErrors);
    }

    @Test
    void aBigFileIsReadFromItsEndOnly() throws IOException {
        // given: an old ERROR far from the end, then more than the read limit of new lines
        NewLogErrors small = new NewLogErrors(ZONE, 1024);
        StringBuilder text = new StringBuilder("2026-11-30 10:00:01,000 [main] ERROR Server - early new error\n");
        for (int i = 0; i < 100; i++) {
            text.append("2026-11-30 10:00:02,000 [main] INFO Server - line ").append(i).append('\n');
        }
        text.append("2026-11-30 10:00:03,000 [main] ERROR Server - late new error\n");
        Path log = dir.resolve("big.log");
        Files.writeString(log, text);

        // when / then
        assertThat(small.errorsSince(log, RESTART)).containsExactly(
                "2026-11-30 10:00:03,000 [main] ERROR Server - late new error");
    }

    @Test
    void theCheckFailsAndNamesTheNodeWithNewErrors() throws IOException {
        // given
        Path clean = log("n1.log", "2026-11-30 10:00:01,000 [main] INFO Server - serving");
        Path dirty = log("n2.log", "2026-11-30 10:00:01,000 [main] ERROR Server - broken");

        // when
        CheckResult result = logs.check(spec(List.of(clean), List.of(dirty)), RESTART);

        // then
        assertThat(result.name()).isEqualTo("no-new-errors");
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).endsWith("on n2");
        assertThat(result.evidence().get("n1")).startsWith("no new ERROR lines");
        assertThat(result.evidence().get("n2")).contains("ERROR Server - broken");
    }

    @Test
    void theCheckPassesWhenNoNodeWroteAnErrorAndAMissingFileIsNoError() throws IOException {
        // given
        Path clean = log("n1.log", "2026-11-30 10:00:01,000 [main] INFO Server - serving");

        // when
        CheckResult result = logs.check(spec(List.of(clean), List.of(dir.resolve("never-written.log"))), RESTART);

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence().get("n2")).contains("missing");
    }

    @Test
    void withoutARestartTimeThereIsNothingToCompareAndTheCheckPasses() throws IOException {
        // given
        Path dirty = log("n1.log", "2026-11-30 10:00:01,000 [main] ERROR Server - broken");

        // when
        CheckResult result = logs.check(spec(List.of(dirty), List.of(dirty)), null);

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.observed()).contains("no restart");
    }

    private static Arguments example(String rule, List<String> lines, List<String> newErrors) {
        return Arguments.of(Named.of(rule, lines), newErrors);
    }

    private Path log(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    private ClusterSpec spec(List<Path> n1Logs, List<Path> n2Logs) {
        return new ClusterSpec("zk", SystemKind.GENERIC, List.of(node("n1", n1Logs), node("n2", n2Logs)),
                Policy.defaults(), new BackupLocation(dir.resolve("backups").toString()));
    }

    private NodeSpec node(String id, List<Path> logs) {
        ProcessControl control = new ProcessControl(List.of("/usr/bin/true"), null, Map.of(),
                dir.resolve(id + ".pid").toString(), dir.resolve(id + ".out").toString(), Duration.ofSeconds(1));
        return new NodeSpec(id, NodeRole.MEMBER, new Endpoints("tcp://127.0.0.1:1", null), control,
                dir.resolve(id + "-data").toString(), logs.stream().map(Path::toString).toList(), List.of());
    }
}
