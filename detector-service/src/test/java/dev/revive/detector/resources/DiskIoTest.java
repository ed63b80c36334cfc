package dev.revive.detector.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskIoTest {

    private static final String MOUNTINFO = """
            22 27 0:21 / /proc rw,relatime - proc proc rw
            27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard
            30 27 8:17 / /var/lib/kafka rw,relatime - xfs /dev/sdb1 rw
            31 27 0:40 / /var/lib/kafka/tmp rw,relatime - tmpfs tmpfs rw
            32 27 8:33 / /mnt/my\\040disk rw,relatime - ext4 /dev/sdc1 rw
            33 27 8:49 / /var/lib/kafka rw,relatime - xfs /dev/sdd1 rw
            """;

    private static final String DISKSTATS = """
               8      16 sdb 1200 10 96000 3600 800 20 64000 4400 0 5000 8000 0 0 0 0 0 0
               8      17 sdb1 1100 10 88000 3300 700 20 56000 4000 0 4500 7300 0 0 0 0 0 0
             254       0 vda 520233 40555 13918834 860948 1478356 200138 45712672 938460 0 691080 2266844
            """;

    @Test
    void aPathBelongsToTheDeviceOfItsLongestMountPointAndTheLastMountOnIt() {
        assertThat(DiskIo.deviceOf(MOUNTINFO, Path.of("/var/lib/kafka/data/topic-0"))).hasValue("8:49");
        assertThat(DiskIo.deviceOf(MOUNTINFO, Path.of("/var/lib/kafkaesque"))).hasValue("254:0");
        assertThat(DiskIo.deviceOf(MOUNTINFO, Path.of("/var/lib/kafka/tmp/x"))).hasValue("0:40");
        assertThat(DiskIo.deviceOf(MOUNTINFO, Path.of("/mnt/my disk/data"))).hasValue("8:33");
    }

    @Test
    void countersAddReadsAndWritesOfTheDeviceAndNotOfItsNeighbours() {
        assertThat(DiskIo.counters(DISKSTATS, "8:17"))
                .hasValue(new IoCounters("8:17", "sdb1", 1_800, 7_300));
        assertThat(DiskIo.counters(DISKSTATS, "254:0"))
                .hasValue(new IoCounters("254:0", "vda", 520_233 + 1_478_356, 860_948 + 938_460));
        assertThat(DiskIo.counters(DISKSTATS, "0:40")).as("tmpfs has no block device").isEmpty();
    }

    @Test
    void latencyIsTheTimeSpentOverTheIosCompletedAndNothingWithoutIo() {
        IoCounters before = new IoCounters("8:17", "sdb1", 1_000, 5_000);

        assertThat(new IoCounters("8:17", "sdb1", 1_040, 6_000).latencyMillisSince(before)).hasValue(25.0);
        assertThat(new IoCounters("8:17", "sdb1", 1_000, 5_000).latencyMillisSince(before)).isEmpty();
    }

    @Test
    void theProcMountHasNoBlockDeviceOnThisMachine() {
        assertThat(DiskIo.system().read(List.of(Path.of("/proc/self")))).isEmpty();
    }

    @Test
    void aDirectoryOnABlockDeviceOfThisMachineHasItsCountersFromProc(@TempDir Path dir) throws IOException {
        // given a directory (not created yet) under a temp dir, and the device this machine mounts it from
        Path data = dir.resolve("data/not-yet");
        String mountinfo = Files.readString(Path.of("/proc/self/mountinfo"));
        String device = DiskIo.deviceOf(mountinfo, dir.toRealPath()).orElseThrow();
        assumeTrue(DiskIo.counters(Files.readString(Path.of("/proc/diskstats")), device).isPresent(),
                "the temp dir is on a block device");

        // when its counters are read, with the log dir on the same device
        List<IoCounters> io = DiskIo.system().read(List.of(data, dir.resolve("logs/node.log").getParent()));

        // then the one device is there once, with the I/Os it has done since boot
        assertThat(io).singleElement().satisfies(counters -> {
            assertThat(counters.device()).isEqualTo(device);
            assertThat(counters.completed()).isPositive();
        });
    }
}
