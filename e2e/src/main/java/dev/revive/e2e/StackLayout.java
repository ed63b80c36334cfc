package dev.revive.e2e;

import dev.revive.contracts.kafka.Topic;
import dev.revive.testkit.TopicSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How much of everything a {@link ReviveStack} runs: instances of each of the four services, target etcd clusters
 * (three members each), and partitions of every Revive topic. {@link #SINGLE} is the stack of every scenario but
 * the scale-out one: one of each, one partition, and no per-instance properties at all.
 *
 * <p>A scaled-out service's instances share their group ids and the planner's Streams application id (that is what
 * makes them one service); what must differ per instance is set by {@link #perInstance}.
 *
 * @param instancesPerService instances of each service, at least 1
 * @param targetClusters target etcd clusters, at least 1
 * @param partitions partitions of every Revive topic, at least 1
 */
public record StackLayout(int instancesPerService, int targetClusters, int partitions) {

    /** One instance of each service, one target cluster, one partition per topic. */
    public static final StackLayout SINGLE = new StackLayout(1, 1, 1);

    public StackLayout {
        if (instancesPerService < 1 || targetClusters < 1 || partitions < 1) {
            throw new IllegalArgumentException("a stack needs at least one of everything: " + instancesPerService
                    + " instances, " + targetClusters + " clusters, " + partitions + " partitions");
        }
    }

    /** The id of target cluster {@code index} (from 0): {@link ReviveStack#CLUSTER_ID}, then {@code demo-etcd-<index>}. */
    public String clusterId(int index) {
        return index == 0 ? ReviveStack.CLUSTER_ID : ReviveStack.CLUSTER_ID + "-" + index;
    }

    /**
     * The process name of instance {@code instance} (from 1) of {@code name}: {@code name} itself when each service
     * runs once (so that the single stacks keep their names), else {@code <name>-<instance>}, e.g. {@code planner-2}.
     */
    public String instanceName(String name, int instance) {
        return instancesPerService == 1 ? name : name + "-" + instance;
    }

    /**
     * How long the verifier re-checks a cluster that is not CONSISTENT yet: 10 s on a single stack; 60 s when
     * scaled out, where ten clusters restart at once beside eight service JVMs on two cores and a check's calls can
     * be starved past their bound for longer than 10 s (seen: a FAILED report whose three members all timed out).
     * A CONSISTENT cluster is reported as soon as it is seen either way.
     */
    public Duration verifierSettleTime() {
        return instancesPerService == 1 && targetClusters == 1 ? Duration.ofSeconds(10) : Duration.ofSeconds(60);
    }

    /** How {@code topic} is created on the stack's broker: this layout's partitions, compacted as the topic says. */
    public TopicSpec topicSpec(Topic<?, ?> topic) {
        return new TopicSpec(topic.name(), partitions, topic.compacted());
    }

    /**
     * The properties that must be unique per instance of {@code service} ({@code detector}, {@code planner},
     * {@code executor}, {@code verifier}); none when each service runs once. The executor's id (it names its
     * transactional id and its lock values), the verifier's transactional id, and the planner's local state
     * directory and the {@code host:port} its API answers on for the other instances (Streams'
     * {@code application.server}). The detector has nothing of its own: both instances probe every cluster and
     * the planner absorbs the duplicate faults.
     */
    public Map<String, String> perInstance(String service, int instance, int httpPort, Path runDir) {
        if (instancesPerService == 1) {
            return Map.of();
        }
        return switch (service) {
            case "executor" -> Map.of("revive.executor.id", "executor-" + instance);
            case "verifier" -> Map.of("revive.verifier.kafka.transactional-id", "revive-verifier-" + instance);
            case "planner" -> Map.of(
                    "kafka-streams.state.dir", runDir.resolve("planner-state-" + instance).toString(),
                    "quarkus.kafka-streams.application-server", "127.0.0.1:" + httpPort);
            default -> Map.of();
        };
    }
}
