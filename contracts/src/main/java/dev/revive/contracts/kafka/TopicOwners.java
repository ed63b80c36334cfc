package dev.revive.contracts.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what on Revive's topics, defined once: the one service that writes each topic, the services that read
 * it, and each service's consumer-group and transactional-id prefixes. Brokers enforce it as ACLs, one principal per
 * service ({@code User:<service>}); {@code revive.dlq} is the one topic every service writes.
 */
public final class TopicOwners {

    /** The detector's principal. */
    public static final String DETECTOR = "detector";
    /** The planner's principal. */
    public static final String PLANNER = "planner";
    /** The executor's principal. */
    public static final String EXECUTOR = "executor";
    /** The verifier's principal. */
    public static final String VERIFIER = "verifier";
    /** Every service's principal. */
    public static final List<String> SERVICES = List.of(DETECTOR, PLANNER, EXECUTOR, VERIFIER);

    /**
     * What one service may do.
     *
     * @param writes              the topics it writes (besides {@code revive.dlq}, which every service writes)
     * @param reads               the topics it reads
     * @param groupPrefix         the prefix of its consumer groups, or empty when it uses none
     * @param transactionalPrefix the prefix of its transactional ids, or empty when it uses none
     * @param internalTopicPrefix the prefix of the topics it creates and owns itself (Kafka Streams changelogs), or
     *                            empty
     */
    public record Access(Set<String> writes, Set<String> reads, String groupPrefix, String transactionalPrefix,
            String internalTopicPrefix) {
    }

    private static final Map<String, Access> ACCESS = Map.of(
            DETECTOR, new Access(Set.of(Topics.Names.FAULTS, Topics.Names.CLUSTERS), Set.of(Topics.Names.CLUSTERS),
                    "", "", ""),
            PLANNER, new Access(Set.of(Topics.Names.PLANS, Topics.Names.DECISIONS),
                    Set.of(Topics.Names.FAULTS, Topics.Names.CLUSTERS, Topics.Names.DECISIONS,
                            Topics.Names.EXECUTIONS, Topics.Names.REPORTS),
                    "revive-planner", "revive-planner", "revive-planner"),
            EXECUTOR, new Access(Set.of(Topics.Names.EXECUTIONS),
                    Set.of(Topics.Names.PLANS, Topics.Names.CLUSTERS, Topics.Names.EXECUTIONS),
                    "revive-executor", "revive-executor", ""),
            VERIFIER, new Access(Set.of(Topics.Names.REPORTS),
                    Set.of(Topics.Names.EXECUTIONS, Topics.Names.PLANS, Topics.Names.CLUSTERS, Topics.Names.REPORTS),
                    "revive-verifier", "revive-verifier", ""));

    private TopicOwners() {
    }

    /** What {@code service} (one of {@link #SERVICES}) may do. */
    public static Access of(String service) {
        Access access = ACCESS.get(service);
        if (access == null) {
            throw new IllegalArgumentException("not a Revive service: " + service);
        }
        return access;
    }

    /** The one service that writes {@code topic}; {@code revive.dlq} has none (every service writes it). */
    public static String writerOf(String topic) {
        return SERVICES.stream().filter(service -> ACCESS.get(service).writes().contains(topic)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no single writer of " + topic));
    }
}
