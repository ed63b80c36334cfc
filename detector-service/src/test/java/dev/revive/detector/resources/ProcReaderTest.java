package dev.revive.detector.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsThisJvmsOwnProcEntries() {
        // when this JVM's own /proc entries are read
        long pid = ProcessHandle.current().pid();
        ProcessSample sample = ProcReader.system().read(pid).orElseThrow();

        // then they describe a live process with memory, open files and a limit above them
        assertThat(sample.pid()).isEqualTo(pid);
        assertThat(sample.cpuTicks()).isPositive();
        assertThat(sample.rssBytes()).isGreaterThan(1024 * 1024);
        assertThat(sample.openFds()).isPositive();
        assertThat(sample.fdLimit()).isGreaterThan(sample.openFds());
    }

    @Test
    void aProcessThatDoesNotExistHasNoSample() {
        assertThat(new ProcReader(dir).read(4_194_305)).isEmpty();
    }

    @Test
    void commandNamesWithSpacesAndParenthesesDoNotShiftTheFields() {
        String stat = "4711 (my (odd) cmd) S 1 4711 4711 0 -1 4194560 100 0 0 0 250 37 0 0 20 0 1 0 100 1000 50";

        assertThat(ProcReader.cpuTicks(stat)).isEqualTo(287);
    }

    @Test
    void unlimitedOpenFilesIsNoLimit() {
        String limits = """
                Limit                     Soft Limit           Hard Limit           Units
                Max open files            unlimited            unlimited            files
                """;

        assertThat(ProcReader.fdSoftLimit(limits)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void dataDirFileSystemUsageIsAPercentage() {
        // when the usage of a directory that does not exist yet is asked for
        double used = DiskUsage.percentUsed(dir.resolve("not/yet")).orElseThrow();

        // then its nearest existing parent's file system answers
        assertThat(used).isBetween(0.0, 100.0);
    }
}
