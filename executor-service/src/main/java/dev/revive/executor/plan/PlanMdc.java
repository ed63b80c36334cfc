package dev.revive.executor.plan;

import dev.revive.contracts.plan.RecoveryPlan;
import org.jboss.logging.MDC;

/** Puts a plan's clusterId, planId and incidentId in the logging MDC for a scope of work. */
public final class PlanMdc implements AutoCloseable {

    public static final String CLUSTER_ID = "clusterId";
    public static final String PLAN_ID = "planId";
    public static final String INCIDENT_ID = "incidentId";

    private PlanMdc() {
    }

    /** Opens the scope; close it to remove the keys again. */
    public static PlanMdc of(RecoveryPlan plan) {
        MDC.put(CLUSTER_ID, plan.clusterId());
        MDC.put(PLAN_ID, plan.planId());
        MDC.put(INCIDENT_ID, plan.incidentId());
        return new PlanMdc();
    }

    @Override
    public void close() {
        MDC.remove(CLUSTER_ID);
        MDC.remove(PLAN_ID);
        MDC.remove(INCIDENT_ID);
    }
}
