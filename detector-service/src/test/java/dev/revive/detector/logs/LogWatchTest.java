package dev.revive.detector.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.LogRule;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.detector.domain.Finding;
import dev.revive.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogWatchTest {

    @TempDir
    Path dir;

    @Test
    void firingRuleIsOneFindingWithTheLineAsEvidence() throws IOException {
        // given a node with two log files, followed with the default rules
        Path main = Files.writeString(dir.resolve("main.log"), "Too many open files (history)\n");
        Path other = Files.writeString(dir.resolve("other.log"), "");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
        try (LogWatch watch = new LogWatch(List.of(main, other), LogRule.defaults(), 8192, 1 << 20, clock)) {
            assertThat(watch.tick()).isEmpty();

            // when three lines with the keyword and a control character are appended to one of them
            String line = "accept tcp: Too many open files\u001b[0m\tretrying";
            Files.writeString(main, (line + "\n").repeat(3), StandardOpenOption.APPEND);
            List<Finding> findings = watch.tick();

            // then the rule fires once, not once per line, with the line escaped as evidence
            assertThat(findings).singleElement().satisfies(finding -> {
                assertThat(finding.kind()).isEqualTo(FaultKind.LOG_ERROR);
                assertThat(finding.condition()).isEqualTo("too-many-open-files");
                assertThat(finding.evidence())
                        .containsEntry(LogWatch.RULE, "too-many-open-files")
                        .containsEntry(LogWatch.LINE, "accept tcp: Too many open files\\u001b[0m\\tretrying")
                        .containsEntry(LogWatch.FILE, main.toString())
                        .containsEntry(LogWatch.MATCHES, "1")
                        .containsEntry(LogWatch.WINDOW, "PT1M");
            });
        }
    }

    @Test
    void evidenceLineIsCutToItsBound() {
        // when a line longer than the evidence bound is made evidence
        String text = LineText.evidence("e".repeat(5_000));

        // then it is cut
        assertThat(text).hasSize(LineText.MAX_CHARS);
    }
}
