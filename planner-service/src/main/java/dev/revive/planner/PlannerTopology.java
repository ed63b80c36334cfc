package dev.revive.planner;

import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.time.IdSource;
import dev.revive.planner.domain.IncidentPlanner;
import dev.revive.planner.domain.Runbook;
import dev.revive.planner.domain.RunbookSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;

/**
 * The planner's Kafka Streams topology. Four byte-array sources (clusters, faults, executions,
 * reports), one processor each, two stores shared by them (cluster specs, per-cluster incident
 * state) and two sinks (plans, dead letters). Everything one input record causes — store writes,
 * a plan, a dead letter — commits in one exactly-once transaction.
 */
@ApplicationScoped
public class PlannerTopology {

    /** The CloudEvent source of every record the planner writes. */
    public static final String SOURCE = "/revive/planner";
    static final String PLANS_SINK = "plans-sink";
    static final String DLQ_SINK = "dlq-sink";

    private static final String CLUSTERS = "clusters";
    private static final String FAULTS = "faults";
    private static final String EXECUTIONS = "executions";
    private static final String REPORTS = "reports";

    /**
     * The topology Quarkus runs, built from the configuration, the clock and the id source. Dependent
     * scope on purpose: Kafka Streams reads the topology's fields, which a client proxy would hide.
     */
    @Produces
    Topology topology(PlannerConfig config, Clock clock, IdSource ids) {
        return build(new IncidentPlanner(new Runbook(settings(config.steps())), clock, ids), clock);
    }

    /** Builds the topology around {@code planner}; tests call this with a fixed clock and ids. */
    public static Topology build(IncidentPlanner planner, Clock clock) {
        Topology topology = new Topology();
        source(topology, CLUSTERS, Topics.CLUSTERS.name());
        source(topology, FAULTS, Topics.FAULTS.name());
        source(topology, EXECUTIONS, Topics.EXECUTIONS.name());
        source(topology, REPORTS, Topics.REPORTS.name());
        topology.addProcessor(CLUSTERS, () -> new ClusterSpecProcessor(clock), in(CLUSTERS));
        topology.addProcessor(FAULTS, () -> new FaultProcessor(clock, planner), in(FAULTS));
        topology.addProcessor(EXECUTIONS, () -> new ExecutionProcessor(clock, planner), in(EXECUTIONS));
        topology.addProcessor(REPORTS, () -> new ReportProcessor(clock, planner), in(REPORTS));
        topology.addStateStore(PlannerStores.specs(), CLUSTERS, FAULTS, EXECUTIONS, REPORTS);
        topology.addStateStore(PlannerStores.incidents(), FAULTS, EXECUTIONS, REPORTS);
        topology.addSink(PLANS_SINK, Topics.PLANS.name(), Topics.PLANS.keySerde().serializer(),
                Topics.PLANS.valueSerde().serializer(), FAULTS, EXECUTIONS, REPORTS);
        topology.addSink(DLQ_SINK, Topics.DLQ.name(), new ByteArraySerializer(), new ByteArraySerializer(),
                CLUSTERS, FAULTS, EXECUTIONS, REPORTS);
        return topology;
    }

    /** The runbook settings of the configuration; throws (and so stops the start) on invalid values. */
    static RunbookSettings settings(PlannerConfig.Steps steps) {
        return new RunbookSettings(steps.snapshotTimeout(), steps.stopMargin(), steps.defaultGracePeriod(),
                steps.forceKillTimeout(), steps.cleanTempTimeout(), steps.startTimeout(), steps.awaitHealthyTimeout(),
                steps.awaitCaughtUpTimeout(), steps.attempts());
    }

    private static void source(Topology topology, String name, String topic) {
        topology.addSource(in(name), new ByteArrayDeserializer(), new ByteArrayDeserializer(), topic);
    }

    private static String in(String name) {
        return name + "-source";
    }
}
