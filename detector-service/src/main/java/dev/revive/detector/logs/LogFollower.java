package dev.revive.detector.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Follows one log file like {@code tail -F}, handing out complete lines only.
 *
 * <ul>
 *   <li>What the file holds when it is first seen is history: following starts at its end. A file that
 *       appears later (or replaces the one followed) is read from its start.</li>
 *   <li>Rotation: when the path names another file (its file key changed), the old file is read to its
 *       end, then the new one from its start. Truncation (size below the position read): from the start.</li>
 *   <li>A line counts once its {@code \n} has been written; a partial line waits. A line longer than
 *       {@code maxLineBytes} is cut there and the rest of it skipped, so no line is ever held whole.</li>
 *   <li>At most {@code maxBytesPerPoll} bytes are read per {@link #poll()}; the rest waits for the next.</li>
 * </ul>
 * Not thread-safe: one caller polls it.
 */
public final class LogFollower implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private final int maxLineBytes;
    private final long maxBytesPerPoll;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private FileChannel channel;
    private Object fileKey;
    private long position;
    private boolean cutting;
    private boolean started;

    /**
     * @param file            the log file
     * @param maxLineBytes    longer lines are cut to this many bytes
     * @param maxBytesPerPoll the most one poll reads
     */
    public LogFollower(Path file, int maxLineBytes, long maxBytesPerPoll) {
        this.file = Objects.requireNonNull(file, "file");
        if (maxLineBytes < 1 || maxBytesPerPoll < 1) {
            throw new IllegalArgumentException("maxLineBytes and maxBytesPerPoll must be positive");
        }
        this.maxLineBytes = maxLineBytes;
        this.maxBytesPerPoll = maxBytesPerPoll;
    }

    /** The followed file. */
    public Path file() {
        return file;
    }

    /** The complete lines written since the last poll (without their line ends), at most the read bound. */
    public List<String> poll() throws IOException {
        List<String> lines = new ArrayList<>();
        if (!started) {
            started = true;
            openCurrent(true);
            return lines;
        }
        if (channel == null) {
            openCurrent(false);
        }
        long budget = maxBytesPerPoll;
        while (channel != null && budget > 0) {
            if (channel.size() < position) {
                restartFromBeginning();
            }
            long read = readInto(lines, budget);
            budget -= read;
            if (read == 0) {
                if (!replaced()) {
                    break;
                }
                close();
                openCurrent(false);
            }
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        fileKey = null;
        resetLine();
    }

    private void openCurrent(boolean atEnd) throws IOException {
        try {
            FileChannel opened = FileChannel.open(file, StandardOpenOption.READ);
            channel = opened;
            fileKey = key(file);
            position = atEnd ? opened.size() : 0;
            resetLine();
        } catch (NoSuchFileException e) {
            channel = null;
        }
    }

    /** True when the path now names a different file than the one open (or none at all and a new one exists). */
    private boolean replaced() throws IOException {
        try {
            Object current = key(file);
            return current != null && !current.equals(fileKey);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static Object key(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    }

    private void restartFromBeginning() {
        position = 0;
        resetLine();
    }

    private long readInto(List<String> lines, long budget) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, budget));
        int read = channel.read(buffer, position);
        if (read <= 0) {
            return 0;
        }
        position += read;
        byte[] bytes = buffer.array();
        for (int i = 0; i < read; i++) {
            accept(bytes[i], lines);
        }
        return read;
    }

    private void accept(byte b, List<String> lines) {
        if (b == '\n') {
            lines.add(text());
            resetLine();
        } else if (line.size() < maxLineBytes) {
            line.write(b);
        } else {
            cutting = true;
        }
    }

    private String text() {
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (!cutting && length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private void resetLine() {
        line.reset();
        cutting = false;
    }
}
