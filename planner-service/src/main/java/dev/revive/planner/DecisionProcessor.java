package dev.revive.planner;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.kafka.TopicSerdes;
import dev.revive.contracts.tracing.Tracing;
import dev.revive.contracts.validation.LogSafe;
import dev.revive.planner.domain.ClusterState;
import dev.revive.planner.domain.IncidentPlanner;
import dev.revive.planner.domain.Result;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Operators' decisions from {@code revive.decisions}: approve (the guards are checked again) or reject a plan
 * awaiting approval. An unknown cluster or plan, or a plan not awaiting approval, is dead-lettered.
 */
final class DecisionProcessor extends IncidentProcessor<OperatorDecision> {

    private static final Logger LOG = Logger.getLogger(DecisionProcessor.class);

    DecisionProcessor(Clock clock, IncidentPlanner planner, Tracing tracing) {
        super(new TopicSerdes.OperatorDecisionSerde(), clock, planner, tracing);
    }

    @Override
    String clusterIdOf(OperatorDecision decision) {
        return decision.clusterId();
    }

    @Override
    void admit(ClusterSpec spec, OperatorDecision decision) {
        if (spec == null) {
            throw new InvalidEventException(RejectReason.UNKNOWN_CLUSTER, "clusterId",
                    "cluster '" + decision.clusterId() + "' is not registered");
        }
    }

    @Override
    Result decide(IncidentPlanner planner, ClusterState state, ClusterSpec spec, OperatorDecision decision) {
        LOG.infof("Decision %s: %s plan %s by %s%s (%s)", decision.decisionId(), decision.verdict(), decision.planId(),
                LogSafe.text(decision.by()), decision.dryRun() ? " as a dry run" : "", LogSafe.text(decision.reason()));
        return planner.onDecision(state, spec, decision);
    }
}
