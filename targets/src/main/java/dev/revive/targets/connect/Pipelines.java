package dev.revive.targets.connect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The file connectors of a Connect cluster, from their configs: FileStreamSource ({@code file} → {@code topic}) and
 * FileStreamSink ({@code topics} → {@code file}). Other connectors are not counted.
 *
 * @param sources the source connectors
 * @param sinks   the sink connectors
 */
record Pipelines(List<Source> sources, List<Sink> sinks) {

    /** A FileStreamSource connector. */
    record Source(String name, Path file, String topic) {
    }

    /** A FileStreamSink connector. */
    record Sink(String name, List<String> topics, Path file) {

        /** The consumer group Connect gives a sink connector. */
        String group() {
            return "connect-" + name;
        }
    }

    /** Reads every connector's config from the worker at {@code baseUrl}. */
    static Pipelines read(ConnectRest rest, String baseUrl) {
        return read(rest, baseUrl, rest.statuses(baseUrl).keySet());
    }

    /** Reads the configs of {@code connectors} from the worker at {@code baseUrl}. */
    static Pipelines read(ConnectRest rest, String baseUrl, Collection<String> connectors) {
        List<Source> sources = new ArrayList<>();
        List<Sink> sinks = new ArrayList<>();
        for (String name : connectors) {
            Map<String, String> config = rest.config(baseUrl, name);
            String type = config.getOrDefault("connector.class", "");
            String file = config.get("file");
            if (file == null || file.isBlank()) {
                continue;
            }
            if (type.endsWith("FileStreamSourceConnector")) {
                sources.add(new Source(name, Path.of(file), config.get("topic")));
            } else if (type.endsWith("FileStreamSinkConnector")) {
                sinks.add(new Sink(name, Arrays.stream(config.getOrDefault("topics", "").split(","))
                        .map(String::trim).filter(topic -> !topic.isEmpty()).toList(), Path.of(file)));
            }
        }
        return new Pipelines(sources, sinks);
    }
}
