package dev.revive.detector.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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

        // and the memory it may use, and the TCP counters of its network namespace
        long memTotal = ProcReader.memTotalBytes(read("/proc/meminfo"));
        assertThat(sample.memoryLimitBytes()).isGreaterThan(sample.rssBytes()).isLessThanOrEqualTo(memTotal);
        assertThat(sample.tcp()).isNotNull();
        assertThat(sample.tcp().outSegs()).isGreaterThanOrEqualTo(sample.tcp().retransSegs());
    }

    @Test
    void aCgroupMemoryLimitBelowTheMachinesMemoryIsTheProcessesLimit() throws IOException {
        // given a process in a v2 cgroup limited to 256 MiB on a machine of 1 GiB
        Path proc = dir.resolve("proc");
        Path pid = proc.resolve("42");
        Files.createDirectories(pid.resolve("fd"));
        Files.writeString(pid.resolve("stat"), "42 (java) S 1 42 42 0 -1 0 0 0 0 0 10 5 0 0 20 0 1 0 1 1 1");
        Files.writeString(pid.resolve("status"), "Name:\tjava\nVmRSS:\t  102400 kB\n");
        Files.writeString(pid.resolve("limits"), "Max open files            1024                 4096  files\n");
        Files.writeString(pid.resolve("cgroup"), "0::/revive/kafka-1\n");
        Files.writeString(proc.resolve("meminfo"), "MemTotal:        1048576 kB\nMemFree:  1 kB\n");
        Path cgroups = Files.createDirectories(dir.resolve("cgroup/revive/kafka-1"));
        Files.writeString(cgroups.resolve("memory.max"), "268435456\n");

        // when it is read
        ProcessSample sample = new ProcReader(proc, dir.resolve("cgroup")).read(42).orElseThrow();

        // then its memory limit is the cgroup's, and it has no TCP counters to read
        assertThat(sample.memoryLimitBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(sample.rssBytes()).isEqualTo(100L * 1024 * 1024);
        assertThat(sample.tcp()).isNull();
    }

    @Test
    void cgroupLimitFilesOfV1AndV2AndTheirValues() {
        String hybrid = """
                9:name=systemd:/
                4:memory,cpuacct:/process_api/dc0a
                0::/
                """;

        assertThat(ProcReader.cgroupLimitFiles(hybrid))
                .containsExactly("memory/process_api/dc0a/memory.limit_in_bytes", "memory.max");
        assertThat(ProcReader.limitBytes("max\n")).as("v2 without limit").isZero();
        assertThat(ProcReader.limitBytes("9223372036854771712\n")).as("v1 without limit").isZero();
        assertThat(ProcReader.limitBytes("536870912\n")).isEqualTo(536_870_912L);
    }

    @Test
    void tcpCountersComeFromTheTcpLinesOfSnmp() {
        String snmp = """
                Ip: Forwarding DefaultTTL InReceives
                Ip: 1 64 2404155
                Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets \
                CurrEstab InSegs OutSegs RetransSegs InErrs OutRsts InCsumErrors
                Tcp: 1 200 120000 -1 1337963 623941 710652 77279 0 24449570 24284103 172233 0 751807 0
                Udp: InDatagrams NoPorts
                Udp: 5 6
                """;

        assertThat(ProcReader.tcpCounters(snmp)).hasValue(new TcpCounters(24_284_103, 172_233));
        assertThat(ProcReader.tcpCounters("Ip: a\nIp: 1\n")).isEmpty();
        assertThat(new TcpCounters(2_000, 130).retransmitPercentSince(new TcpCounters(1_000, 100))).hasValue(3.0);
        assertThat(new TcpCounters(1_000, 100).retransmitPercentSince(new TcpCounters(1_000, 100))).isEmpty();
    }

    @Test
    void aProcessThatDoesNotExistHasNoSample() {
        assertThat(new ProcReader(dir, dir).read(4_194_305)).isEmpty();
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

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
