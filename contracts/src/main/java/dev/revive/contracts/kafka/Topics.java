package dev.revive.contracts.kafka;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/** The registry of Revive's topics. Every record is keyed by cluster id, so a cluster's events stay ordered. */
public final class Topics {

    /** Registered clusters (compacted); written by the detector, read by all. */
    public static final Topic<String, ClusterSpec> CLUSTERS =
            new Topic<>(Names.CLUSTERS, Serdes.String(), new TopicSerdes.ClusterSpecSerde(), true);
    /** Faults seen by the detector or published by other systems; read by the planner. */
    public static final Topic<String, FaultEvent> FAULTS =
            new Topic<>(Names.FAULTS, Serdes.String(), new TopicSerdes.FaultEventSerde(), false);
    /** Operators' approvals and rejections of waiting plans; written by the planner's API, read by the planner. */
    public static final Topic<String, OperatorDecision> DECISIONS =
            new Topic<>(Names.DECISIONS, Serdes.String(), new TopicSerdes.OperatorDecisionSerde(), false);
    /** Recovery plans; written by the planner, read by the executor and the verifier. */
    public static final Topic<String, RecoveryPlan> PLANS =
            new Topic<>(Names.PLANS, Serdes.String(), new TopicSerdes.RecoveryPlanSerde(), false);
    /** Step events and plan outcomes; written by the executor, read by the planner and the verifier. */
    public static final Topic<String, ExecutionEvent> EXECUTIONS = new Topic<>(Names.EXECUTIONS, Serdes.String(),
            new TopicSerdes.ExecutionEventSerde(), false);
    /** Recovery reports, published exactly once per plan by the verifier. */
    public static final Topic<String, RecoveryReport> REPORTS =
            new Topic<>(Names.REPORTS, Serdes.String(), new TopicSerdes.RecoveryReportSerde(), false);
    /** Rejected records, unchanged, with the reason in {@link DeadLetters} headers. */
    public static final Topic<byte[], byte[]> DLQ =
            new Topic<>(Names.DLQ, Serdes.ByteArray(), Serdes.ByteArray(), false);

    /** The topic names as compile-time constants, for annotations such as {@code @Incoming}. */
    public static final class Names {
        public static final String CLUSTERS = "revive.clusters";
        public static final String FAULTS = "revive.faults";
        public static final String DECISIONS = "revive.decisions";
        public static final String PLANS = "revive.plans";
        public static final String EXECUTIONS = "revive.executions";
        public static final String REPORTS = "revive.reports";
        public static final String DLQ = "revive.dlq";

        private Names() {
        }
    }

    /** Every topic, in flow order. */
    public static final List<Topic<?, ?>> ALL = List.of(CLUSTERS, FAULTS, DECISIONS, PLANS, EXECUTIONS, REPORTS, DLQ);

    private Topics() {
    }

    /** Every topic name, in flow order (for creating them). */
    public static List<String> names() {
        return ALL.stream().map(Topic::name).toList();
    }
}
