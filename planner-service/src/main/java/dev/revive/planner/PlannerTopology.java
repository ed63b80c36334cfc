package dev.revive.planner;

import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.time.IdSource;
import dev.revive.contracts.tracing.Tracing;
import dev.revive.contracts.trust.TrustedKeys;
import dev.revive.planner.domain.IncidentPlanner;
import dev.revive.runbooks.Runbooks;
import dev.revive.runbooks.decision.NodeRecovery;
import dev.revive.runbooks.steps.StepSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;

/**
 * The planner's Kafka Streams topology. Five byte-array sources (clusters, faults, decisions, executions,
 * reports), one processor each, three stores shared by them (cluster specs, per-cluster incident state and trace)
 * and two sinks (plans, dead letters). The faults processor also runs the wall-clock tick (confirm windows, approval
 * expiry). Everything one input record (or tick) causes — store writes, plans, a dead letter — commits in one
 * exactly-once transaction.
 */
@ApplicationScoped
public class PlannerTopology {

    /** The CloudEvent source of every record the planner writes. */
    public static final String SOURCE = "/revive/planner";
    static final String PLANS_SINK = "plans-sink";
    static final String DLQ_SINK = "dlq-sink";

    private static final String CLUSTERS = "clusters";
    private static final String FAULTS = "faults";
    private static final String DECISIONS = "decisions";
    private static final String EXECUTIONS = "executions";
    private static final String REPORTS = "reports";

    /**
     * The topology Quarkus runs, built from the configuration, the clock and the id source. Dependent
     * scope on purpose: Kafka Streams reads the topology's fields, which a client proxy would hide.
     */
    @Produces
    Topology topology(PlannerConfig config, Clock clock, IdSource ids, TrustedKeys trusted, Tracing tracing) {
        NodeRecovery recovery = new NodeRecovery(Runbooks.standard(), settings(config.steps()));
        return build(new IncidentPlanner(recovery, positive("approval-timeout", config.approvalTimeout()), clock, ids),
                clock, positive("tick-interval", config.tickInterval()), trusted, tracing);
    }

    /** Tests build the topology without exporting spans. */
    public static Topology build(IncidentPlanner planner, Clock clock, Duration tickInterval, TrustedKeys trusted) {
        return build(planner, clock, tickInterval, trusted, Tracing.withoutExport("revive-planner"));
    }

    /**
     * Builds the topology around {@code planner}; tests call this with a fixed clock and ids. Only specs signed
     * by one of the {@code trusted} keys are registered.
     */
    public static Topology build(IncidentPlanner planner, Clock clock, Duration tickInterval, TrustedKeys trusted,
            Tracing tracing) {
        Topology topology = new Topology();
        source(topology, CLUSTERS, Topics.CLUSTERS.name());
        source(topology, FAULTS, Topics.FAULTS.name());
        source(topology, DECISIONS, Topics.DECISIONS.name());
        source(topology, EXECUTIONS, Topics.EXECUTIONS.name());
        source(topology, REPORTS, Topics.REPORTS.name());
        topology.addProcessor(CLUSTERS, () -> new ClusterSpecProcessor(clock, trusted), in(CLUSTERS));
        topology.addProcessor(FAULTS, () -> new FaultProcessor(clock, planner, tracing, tickInterval), in(FAULTS));
        topology.addProcessor(DECISIONS, () -> new DecisionProcessor(clock, planner, tracing), in(DECISIONS));
        topology.addProcessor(EXECUTIONS, () -> new ExecutionProcessor(clock, planner, tracing), in(EXECUTIONS));
        topology.addProcessor(REPORTS, () -> new ReportProcessor(clock, planner, tracing), in(REPORTS));
        topology.addStateStore(PlannerStores.specs(), CLUSTERS, FAULTS, DECISIONS, EXECUTIONS, REPORTS);
        topology.addStateStore(PlannerStores.incidents(), FAULTS, DECISIONS, EXECUTIONS, REPORTS);
        topology.addStateStore(PlannerStores.traces(), FAULTS, DECISIONS, EXECUTIONS, REPORTS);
        topology.addSink(PLANS_SINK, Topics.PLANS.name(), Topics.PLANS.keySerde().serializer(),
                Topics.PLANS.valueSerde().serializer(), FAULTS, DECISIONS, EXECUTIONS, REPORTS);
        topology.addSink(DLQ_SINK, Topics.DLQ.name(), new ByteArraySerializer(), new ByteArraySerializer(),
                CLUSTERS, FAULTS, DECISIONS, EXECUTIONS, REPORTS);
        return topology;
    }

    /** The step settings of the configuration; throws (and so stops the start) on invalid values. */
    static StepSettings settings(PlannerConfig.Steps steps) {
        return new StepSettings(steps.snapshotTimeout(), steps.stopMargin(), steps.defaultGracePeriod(),
                steps.forceKillTimeout(), steps.cleanTempTimeout(), steps.startTimeout(), steps.awaitHealthyTimeout(),
                steps.awaitCaughtUpTimeout(), steps.attempts());
    }

    private static Duration positive(String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("revive.planner." + key + " must be positive but was " + value);
        }
        return value;
    }

    private static void source(Topology topology, String name, String topic) {
        topology.addSource(in(name), new ByteArrayDeserializer(), new ByteArrayDeserializer(), topic);
    }

    private static String in(String name) {
        return name + "-source";
    }
}
