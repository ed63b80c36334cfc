package dev.revive.detector.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFollowerTest {

    private static final int MAX_LINE = 16;
    private static final int MAX_READ = 1024;

    @TempDir
    Path dir;

    private LogFollower follower;

    @AfterEach
    void close() throws IOException {
        if (follower != null) {
            follower.close();
        }
    }

    @Test
    void existingContentIsHistoryAndOnlyNewLinesAreRead() throws IOException {
        // given a log with history
        Path log = write("old error 1\nold error 2\n");
        follower = follow(log);
        assertThat(follower.poll()).isEmpty();

        // when two lines are appended
        append(log, "new 1\nnew 2\n");

        // then only they are read, once
        assertThat(follower.poll()).containsExactly("new 1", "new 2");
        assertThat(follower.poll()).isEmpty();
    }

    @Test
    void partialLineIsReadOnlyOnceItIsComplete() throws IOException {
        // given a followed log
        Path log = followed("");

        // when a line is written in two parts
        append(log, "disk is");
        List<String> half = follower.poll();
        append(log, " full\r\n");

        // then nothing is read until its line end, and then the whole line
        assertThat(half).isEmpty();
        assertThat(follower.poll()).containsExactly("disk is full");
    }

    @Test
    void rotatedFileIsReadToItsEndThenTheNewOneFromItsStart() throws IOException {
        // given a followed log
        Path log = followed("history\n");

        // when a last line goes into it, it is moved away and a new file takes its place
        append(log, "last of old\n");
        Files.move(log, dir.resolve("app.log.1"), StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(log, "first of new\nsecond of new\n");

        // then the old file's last line and then the new file from its start are read
        assertThat(follower.poll()).containsExactly("last of old", "first of new", "second of new");
    }

    @Test
    void truncatedFileIsReadFromItsStart() throws IOException {
        // given a followed log that has grown
        Path log = followed("history line\n");
        append(log, "one more line\n");
        follower.poll();

        // when it is truncated in place (copytruncate) and written again
        Files.writeString(log, "after\n", StandardOpenOption.TRUNCATE_EXISTING);

        // then the new content is read from the start
        assertThat(follower.poll()).containsExactly("after");
    }

    @Test
    void hugeLineIsCutAtTheBoundAndTheRestSkipped() throws IOException {
        // given a followed log
        Path log = followed("");

        // when a line far longer than the bound is written, then a short one
        append(log, "x".repeat(MAX_LINE) + "y".repeat(500) + "\nshort\n");

        // then the long line is cut at the bound, and the next line is intact
        assertThat(follower.poll()).containsExactly("x".repeat(MAX_LINE), "short");
    }

    @Test
    void eachPollReadsAtMostTheBound() throws IOException {
        // given a followed log
        Path log = followed("");

        // when far more than one poll may read is appended
        int lines = 3 * MAX_READ / 10;
        append(log, "123456789\n".repeat(lines));

        // then one poll reads a bounded part, and the following polls the rest
        List<String> first = follower.poll();
        int total = first.size() + follower.poll().size() + follower.poll().size() + follower.poll().size();
        assertThat(first).hasSize(MAX_READ / 10);
        assertThat(total).isEqualTo(lines);
    }

    @Test
    void fileThatAppearsLaterIsReadFromItsStart() throws IOException {
        // given a log file that does not exist yet
        Path log = dir.resolve("late.log");
        follower = follow(log);
        assertThat(follower.poll()).isEmpty();

        // when it is created
        Files.writeString(log, "hello\n");

        // then its content is new, and read
        assertThat(follower.poll()).containsExactly("hello");
    }

    /** A log with {@code history}, followed and read once, so that only what is appended later is new. */
    private Path followed(String history) throws IOException {
        Path log = write(history);
        follower = follow(log);
        follower.poll();
        return log;
    }

    private LogFollower follow(Path log) {
        return new LogFollower(log, MAX_LINE, MAX_READ);
    }

    private Path write(String content) throws IOException {
        Path log = dir.resolve("app.log");
        Files.writeString(log, content);
        return log;
    }

    private static void append(Path log, String content) throws IOException {
        Files.writeString(log, content, StandardOpenOption.APPEND);
    }
}
