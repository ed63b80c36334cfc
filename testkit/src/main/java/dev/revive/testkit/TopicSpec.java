package dev.revive.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A topic to create on a {@link KafkaBroker}: name, partition count and whether it is compacted.
 *
 * <p>The text form {@code name[:partitions[:compact]]} (e.g. {@code revive.clusters:1:compact})
 * is accepted by {@link KafkaBrokerMain} and {@link KafkaBrokerResource}. Kafka topic names cannot
 * contain {@code ':'}, so the form is unambiguous.
 */
public record TopicSpec(String name, int partitions, boolean compacted) {

    /** Validates the fields. */
    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.contains(":")) {
            throw new IllegalArgumentException("invalid topic name '" + name + "'");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1 for " + name);
        }
    }

    /** A one-partition, delete-policy topic. */
    public static TopicSpec of(String name) {
        return new TopicSpec(name, 1, false);
    }

    /** Parses {@code name[:partitions[:compact]]}. */
    public static TopicSpec parse(String text) {
        String[] parts = text.trim().split(":", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException("expected name[:partitions[:compact]] but got '" + text + "'");
        }
        int partitions = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
        boolean compacted = parts.length > 2 && compactFlag(parts[2], text);
        return new TopicSpec(parts[0], partitions, compacted);
    }

    /** Parses a comma-separated list of {@link #parse(String)} forms; blanks are skipped. */
    public static List<TopicSpec> parseList(String commaSeparated) {
        if (commaSeparated == null) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(","))
            .filter(part -> !part.isBlank())
            .map(TopicSpec::parse)
            .collect(Collectors.toList());
    }

    private static boolean compactFlag(String flag, String text) {
        if (!flag.equals("compact")) {
            throw new IllegalArgumentException("third part must be 'compact' in '" + text + "'");
        }
        return true;
    }
}
