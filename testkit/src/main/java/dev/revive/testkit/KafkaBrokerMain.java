package dev.revive.testkit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs a {@link KafkaBroker} as a standalone process for the demo and end-to-end tests.
 *
 * <p>Arguments are topics in the {@link TopicSpec#parse(String)} form
 * ({@code name[:partitions[:compact]]}), plus the optional flag {@code --ignore-stdin}. Once the
 * topics exist it prints {@code bootstrap=<host:port>} on stdout and runs until SIGTERM, or
 * until stdin reaches end-of-file unless {@code --ignore-stdin} is given. The broker directory is
 * deleted on exit.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    /** Starts the broker, creates the topics, prints the bootstrap address and waits. */
    public static void main(String[] args) throws InterruptedException {
        List<String> arguments = List.of(args);
        List<TopicSpec> topics = arguments.stream()
            .filter(arg -> !arg.startsWith("--"))
            .map(TopicSpec::parse)
            .collect(Collectors.toList());
        KafkaBroker broker = KafkaBroker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-shutdown"));
        broker.createTopics(topics);
        System.out.println("bootstrap=" + broker.bootstrapServers());
        System.out.flush();
        MainSupport.awaitTermination(MainSupport.watchesStdin(arguments));
    }
}
