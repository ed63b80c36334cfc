package dev.revive.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Makes a stopped {@link EtcdMember} unable to start for real: overwrites a block of its oldest WAL file's records
 * with garbage, so that etcd (3.4) fails to decode the WAL and exits at start ({@code etcdmain: proto: integer
 * overflow} or a CRC mismatch). The member's data dir is otherwise left as it is.
 */
public final class EtcdWal {

    /** Where the garbage starts: past the file's first frame header, inside its first records. */
    static final long OFFSET = 64;
    /** How many bytes are overwritten. */
    static final int LENGTH = 4096;
    private static final byte GARBAGE = (byte) 0xAB;

    private EtcdWal() {
    }

    /**
     * Corrupts the oldest WAL file of {@code member}, which must not run; returns that file.
     *
     * @throws IllegalStateException when the member runs or has no WAL file
     */
    public static Path corrupt(EtcdMember member) {
        if (member.isAlive()) {
            throw new IllegalStateException("stop " + member + " before corrupting its WAL");
        }
        Path wal = oldest(member.dataDir().resolve("member").resolve("wal"));
        byte[] garbage = new byte[LENGTH];
        Arrays.fill(garbage, GARBAGE);
        try (FileChannel channel = FileChannel.open(wal, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(garbage), OFFSET);
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot corrupt " + wal, e);
        }
        return wal;
    }

    private static Path oldest(Path walDir) {
        try (Stream<Path> files = Files.list(walDir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".wal"))
                .min(Comparator.comparing(Path::toString))
                .orElseThrow(() -> new IllegalStateException("no WAL file in " + walDir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + walDir, e);
        }
    }
}
