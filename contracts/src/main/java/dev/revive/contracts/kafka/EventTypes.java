package dev.revive.contracts.kafka;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.json.EventCodec;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** The CloudEvent type names of Revive and how each record maps to its attributes. */
public final class EventTypes {

    public static final String PREFIX = "dev.revive.";
    public static final String VERSION = "v1";
    public static final String CLUSTER = PREFIX + "cluster." + VERSION;
    public static final String FAULT = PREFIX + "fault." + VERSION;
    public static final String DECISION = PREFIX + "decision." + VERSION;
    public static final String PLAN = PREFIX + "plan." + VERSION;
    public static final String STEP = PREFIX + "step." + VERSION;
    public static final String OUTCOME = PREFIX + "outcome." + VERSION;
    public static final String REPORT = PREFIX + "report." + VERSION;

    private EventTypes() {
    }

    /** The CloudEvent attributes of a contract record, written by {@code source} at {@code time}. */
    public static CloudEvent describe(Object value, String source, Instant time) {
        if (value instanceof FaultEvent fault) {
            return new CloudEvent(fault.faultId(), source, FAULT, time, fault.subject());
        }
        if (value instanceof OperatorDecision decision) {
            return new CloudEvent(decision.decisionId(), source, DECISION, time, decision.clusterId());
        }
        if (value instanceof RecoveryPlan plan) {
            return new CloudEvent(plan.planId(), source, PLAN, time, plan.clusterId());
        }
        if (value instanceof StepEvent step) {
            String subject = step.nodeId() == null ? step.clusterId() : step.clusterId() + "/" + step.nodeId();
            return new CloudEvent(step.eventId(), source, STEP, time, subject);
        }
        if (value instanceof PlanOutcome outcome) {
            return new CloudEvent(outcome.eventId(), source, OUTCOME, time, outcome.clusterId());
        }
        if (value instanceof RecoveryReport report) {
            return new CloudEvent(report.reportId(), source, REPORT, time, report.clusterId());
        }
        if (value instanceof ClusterSpec spec) {
            return new CloudEvent(spec.id() + "@" + contentHash(spec), source, CLUSTER, time, spec.id());
        }
        throw new IllegalArgumentException("not a Revive event: " + value.getClass().getName());
    }

    /** A spec's id changes only when its content does, so re-publishing the same file deduplicates. */
    private static String contentHash(ClusterSpec spec) {
        try {
            byte[] json = EventCodec.of(ClusterSpec.class).encode(spec);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    static String family(String type) {
        int versionDot = type.lastIndexOf('.');
        return versionDot < 0 ? type : type.substring(0, versionDot);
    }

    static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
