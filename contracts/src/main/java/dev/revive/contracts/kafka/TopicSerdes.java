package dev.revive.contracts.kafka;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.json.EventCodec;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import java.util.Set;

/**
 * The serde of each topic's value type as a class with a no-argument constructor, so that Kafka
 * client and SmallRye configuration can name it ({@code value.deserializer=...$FaultEventSerde}).
 */
public final class TopicSerdes {

    private TopicSerdes() {
    }

    /** {@code revive.clusters} values. */
    public static final class ClusterSpecSerde extends EventSerde<ClusterSpec> {
        public ClusterSpecSerde() {
            super(EventCodec.of(ClusterSpec.class), Set.of(EventTypes.CLUSTER));
        }
    }

    /** {@code revive.faults} values. */
    public static final class FaultEventSerde extends EventSerde<FaultEvent> {
        public FaultEventSerde() {
            super(EventCodec.of(FaultEvent.class), Set.of(EventTypes.FAULT));
        }
    }

    /** {@code revive.decisions} values. */
    public static final class OperatorDecisionSerde extends EventSerde<OperatorDecision> {
        public OperatorDecisionSerde() {
            super(EventCodec.of(OperatorDecision.class), Set.of(EventTypes.DECISION));
        }
    }

    /** {@code revive.plans} values. */
    public static final class RecoveryPlanSerde extends EventSerde<RecoveryPlan> {
        public RecoveryPlanSerde() {
            super(EventCodec.of(RecoveryPlan.class), Set.of(EventTypes.PLAN));
        }
    }

    /** {@code revive.executions} values: step events and plan outcomes. */
    public static final class ExecutionEventSerde extends EventSerde<ExecutionEvent> {
        public ExecutionEventSerde() {
            super(EventCodec.of(ExecutionEvent.class), Set.of(EventTypes.STEP, EventTypes.OUTCOME));
        }
    }

    /** {@code revive.reports} values. */
    public static final class RecoveryReportSerde extends EventSerde<RecoveryReport> {
        public RecoveryReportSerde() {
            super(EventCodec.of(RecoveryReport.class), Set.of(EventTypes.REPORT));
        }
    }
}
