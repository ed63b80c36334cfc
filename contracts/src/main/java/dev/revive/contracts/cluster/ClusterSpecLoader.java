package dev.revive.contracts.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.revive.contracts.json.EventCodec;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads cluster specs from YAML files. Specs are written by hand, so unlike events they are read
 * strictly: an unknown key (a typo such as {@code tempPath}) is an error, not silently ignored.
 */
public final class ClusterSpecLoader {

    private static final EventCodec<ClusterSpec> YAML = new EventCodec<>(ClusterSpec.class,
            Json.configure(new YAMLMapper()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));

    private ClusterSpecLoader() {
    }

    /** One spec from one file. */
    public static ClusterSpec load(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ClusterSpecException(file, "$", "cannot be read: " + e, e);
        }
        try {
            return YAML.decode(content);
        } catch (InvalidEventException e) {
            throw new ClusterSpecException(file, e.field(), e.getMessage().substring(e.field().length() + 2), e);
        }
    }

    /** Every {@code *.yaml} / {@code *.yml} spec in a directory, sorted by file name; ids must be unique. */
    public static List<ClusterSpec> loadDirectory(Path directory) {
        List<Path> files;
        try (Stream<Path> entries = Files.list(directory)) {
            files = entries.filter(ClusterSpecLoader::isYaml).sorted().toList();
        } catch (IOException e) {
            throw new ClusterSpecException(directory, "$", "cannot be listed: " + e, e);
        }
        Map<String, Path> seen = new HashMap<>();
        List<ClusterSpec> specs = new ArrayList<>();
        for (Path file : files) {
            ClusterSpec spec = load(file);
            Path earlier = seen.putIfAbsent(spec.id(), file);
            if (earlier != null) {
                throw new ClusterSpecException(file, "id", "'" + spec.id() + "' is already defined in " + earlier, null);
            }
            specs.add(spec);
        }
        return specs;
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }
}
