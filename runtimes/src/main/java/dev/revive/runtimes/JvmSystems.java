package dev.revive.runtimes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Where the jars of the JVM systems Revive runs as separate processes are: Kafka (a KRaft node) and Kafka Connect (a
 * distributed worker with the file connectors), with slf4j-simple for their logs. The list is written at build time
 * by {@code dependency:build-classpath}; every entry is an absolute path in the local Maven repository.
 */
public final class JvmSystems {

    private static final String RESOURCE = "/dev/revive/runtimes/jvm-systems.classpath";

    private JvmSystems() {
    }

    /** The jars, in the order Maven resolved them. */
    public static List<Path> jars() {
        try (InputStream in = JvmSystems.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: build the runtimes module with Maven");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return Arrays.stream(text.split(java.io.File.pathSeparator)).filter(entry -> !entry.isBlank())
                    .map(Path::of).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code -cp <jars>} into a Java argument file ({@code java @file}), so that a node's command stays short
     * and readable, and returns the file.
     */
    public static Path writeArgFile(Path file) {
        StringBuilder classpath = new StringBuilder();
        for (Path jar : jars()) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("jar " + jar + " of the JVM systems' classpath is missing");
            }
            classpath.append(classpath.isEmpty() ? "" : java.io.File.pathSeparator).append(jar);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, "-cp \"" + classpath + "\"\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
