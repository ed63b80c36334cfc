package dev.revive.planner;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.kafka.TopicSerdes;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.tracing.Tracing;
import dev.revive.planner.domain.ClusterState;
import dev.revive.planner.domain.IncidentPlanner;
import dev.revive.planner.domain.Result;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Reports from {@code revive.reports}: CONSISTENT (or any report of a dry run) closes the incident, else the DEGRADED rule or escalation. */
final class ReportProcessor extends IncidentProcessor<RecoveryReport> {

    private static final Logger LOG = Logger.getLogger(ReportProcessor.class);

    ReportProcessor(Clock clock, IncidentPlanner planner, Tracing tracing) {
        super(new TopicSerdes.RecoveryReportSerde(), clock, planner, tracing);
    }

    @Override
    String clusterIdOf(RecoveryReport report) {
        return report.clusterId();
    }

    @Override
    Result decide(IncidentPlanner planner, ClusterState state, ClusterSpec spec, RecoveryReport report) {
        LOG.debugf("Report %s of plan %s: %s", report.reportId(), report.planId(), report.verdict());
        return planner.onReport(state, spec, report);
    }
}
