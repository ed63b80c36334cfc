package dev.revive.contracts.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Who may do what on Revive's topics, defined once: the one service that writes each topic, the services that read
 * it, and each service's consumer-group and transactional-id prefixes. Brokers enforce it as ACLs, one principal per
 * service ({@code User:<service>}); {@code revive.dlq} is the one topic every service writes. Besides the services,
 * the operator's {@link #TOOLS} have principals of their own: the CLI publishes specs to {@code revive.clusters} beside
 * the detector (the one writer among the services) and reads what its commands show; the console only reads.
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
     * The principal of the operator's CLI ({@code revive}): it writes {@code revive.clusters} ({@code apply}) and
     * nothing else, so {@code dlq --replay} works for dead letters of {@code revive.clusters} (an untrusted or invalid
     * spec, fixed by the operator) and the broker refuses a replay into any other topic: the CLI cannot forge a
     * fault, a plan, an execution or a report.
     */
    public static final String CLI = "cli";
    /** The console's principal: it only reads, without a consumer group; it writes nothing, not even dead letters. */
    public static final String CONSOLE = "console";
    /** The operator's tools, each its own principal; they are not services and write no dead letter. */
    public static final List<String> TOOLS = List.of(CLI, CONSOLE);

    /**
     * What one principal may do.
     *
     * @param writes              the topics it writes (besides {@code revive.dlq}, which every service writes, no
     *                            tool)
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
                            Topics.Names.EXECUTIONS, Topics.Names.REPORTS, Topics.Names.PLANS),
                    "revive-planner", "revive-planner", "revive-planner"),
            EXECUTOR, new Access(Set.of(Topics.Names.EXECUTIONS),
                    Set.of(Topics.Names.PLANS, Topics.Names.CLUSTERS, Topics.Names.EXECUTIONS),
                    "revive-executor", "revive-executor", ""),
            VERIFIER, new Access(Set.of(Topics.Names.REPORTS),
                    Set.of(Topics.Names.EXECUTIONS, Topics.Names.PLANS, Topics.Names.CLUSTERS, Topics.Names.REPORTS),
                    "revive-verifier", "revive-verifier", ""),
            CLI, new Access(Set.of(Topics.Names.CLUSTERS),
                    Set.of(Topics.Names.FAULTS, Topics.Names.PLANS, Topics.Names.EXECUTIONS, Topics.Names.REPORTS,
                            Topics.Names.DLQ),
                    "", "", ""),
            CONSOLE, new Access(Set.of(),
                    Set.of(Topics.Names.CLUSTERS, Topics.Names.FAULTS, Topics.Names.DECISIONS, Topics.Names.PLANS,
                            Topics.Names.EXECUTIONS, Topics.Names.REPORTS, Topics.Names.DLQ),
                    "", "", ""));

    private TopicOwners() {
    }

    /** Every principal that gets ACLs: the {@link #SERVICES}, then the {@link #TOOLS}. */
    public static List<String> principals() {
        return Stream.concat(SERVICES.stream(), TOOLS.stream()).toList();
    }

    /** What {@code principal} (one of {@link #principals()}) may do. */
    public static Access of(String principal) {
        Access access = ACCESS.get(principal);
        if (access == null) {
            throw new IllegalArgumentException("not a Revive principal: " + principal);
        }
        return access;
    }

    /** Every topic {@code principal} may write: its {@link Access#writes()}, and {@code revive.dlq} for a service. */
    public static Set<String> topicsWrittenBy(String principal) {
        Set<String> writes = new TreeSet<>(of(principal).writes());
        if (SERVICES.contains(principal)) {
            writes.add(Topics.Names.DLQ);
        }
        return Set.copyOf(writes);
    }

    /** The one service that writes {@code topic}; {@code revive.dlq} has none (every service writes it). */
    public static String writerOf(String topic) {
        return SERVICES.stream().filter(service -> ACCESS.get(service).writes().contains(topic)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no single writer of " + topic));
    }
}
