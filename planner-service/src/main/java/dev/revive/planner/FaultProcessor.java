package dev.revive.planner;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.kafka.TopicSerdes;
import dev.revive.planner.domain.ClusterState;
import dev.revive.planner.domain.IncidentPlanner;
import dev.revive.planner.domain.Result;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Faults from {@code revive.faults}: only for registered clusters and their nodes, else dead-lettered. */
final class FaultProcessor extends IncidentProcessor<FaultEvent> {

    private static final Logger LOG = Logger.getLogger(FaultProcessor.class);

    FaultProcessor(Clock clock, IncidentPlanner planner) {
        super(new TopicSerdes.FaultEventSerde(), clock, planner);
    }

    @Override
    String clusterIdOf(FaultEvent fault) {
        return fault.clusterId();
    }

    @Override
    void admit(ClusterSpec spec, FaultEvent fault) {
        if (spec == null) {
            throw new InvalidEventException(RejectReason.UNKNOWN_CLUSTER, "clusterId",
                    "cluster '" + fault.clusterId() + "' is not registered");
        }
        if (fault.nodeId() != null && spec.node(fault.nodeId()).isEmpty()) {
            throw new InvalidEventException(RejectReason.UNKNOWN_NODE, "nodeId",
                    "'" + fault.nodeId() + "' is not a node of cluster '" + fault.clusterId() + "'");
        }
    }

    @Override
    Result decide(IncidentPlanner planner, ClusterState state, ClusterSpec spec, FaultEvent fault) {
        LOG.debugf("Fault %s: %s %s of %s", fault.faultId(), fault.severity(), fault.kind(), fault.subject());
        return planner.onFault(state, spec, fault);
    }
}
