package dev.revive.console;

import dev.revive.contracts.report.CheckResult;
import java.time.Instant;
import java.util.List;

/** The read-only views the console's JSON API answers with (and its page shows). */
public final class Views {

    private Views() {
    }

    /**
     * A registered cluster as last published on {@code revive.clusters}.
     *
     * @param id      the cluster id
     * @param kind    its system kind, as the spec names it
     * @param members every node with its health as last reported
     * @param mttr    the MTTR of its recent verified recoveries, oldest first
     */
    public record Cluster(String id, String kind, List<Member> members, List<MttrPoint> mttr) {
    }

    /**
     * A member's health as the detectors last reported it on {@code revive.faults}: {@code HEALTHY} after a
     * {@code RECOVERED}, {@code FAULTY} after any other fault, {@code NO_FAULT} when none was reported (the detectors
     * publish changes, not heartbeats).
     *
     * @param nodeId     the node
     * @param health     HEALTHY, FAULTY or NO_FAULT
     * @param lastKind   the kind of the last fault reported for it, or null
     * @param reportedAt when that fault was observed, or null
     * @param source     who reported it, or null
     */
    public record Member(String nodeId, String health, String lastKind, Instant reportedAt, String source) {
    }

    /**
     * One verified recovery of a cluster.
     *
     * @param incidentId  the incident
     * @param verifiedAt  when the verifier finished
     * @param mttrMillis  detection to verification, in milliseconds
     * @param verdict     the report's verdict
     */
    public record MttrPoint(String incidentId, Instant verifiedAt, long mttrMillis, String verdict) {
    }

    /**
     * An incident as its plans, decisions, step events and report tell it.
     *
     * @param incidentId  the incident
     * @param clusterId   its cluster
     * @param state       derived from the topics: PLANNED, AWAITING_APPROVAL, APPROVED, EXECUTING, VERIFYING (open);
     *                    CLOSED, REJECTED, CANCELLED, NOTICE, ESCALATED (ended)
     * @param open        whether it is still under way
     * @param planId      its newest plan revision
     * @param revision    that revision's number
     * @param mode        that revision's mode
     * @param modeReason  why that mode, or null
     * @param detectedAt  when its first fault was observed
     * @param planned     the newest revision's steps, in words ({@code STOP etcd-1})
     * @param steps       every step attempt of every revision, in the order they started
     * @param outcome     the newest revision's execution outcome, or null
     * @param verdict     the newest revision's report verdict, or null
     * @param mttrMillis  the report's MTTR in milliseconds, or null
     */
    public record Incident(String incidentId, String clusterId, String state, boolean open, String planId,
            int revision, String mode, String modeReason, Instant detectedAt, List<String> planned, List<Step> steps,
            String outcome, String verdict, Long mttrMillis) {
    }

    /**
     * One attempt of one step.
     *
     * @param planId         the plan revision it belongs to
     * @param stepId         the step
     * @param action         its action
     * @param nodeId         the node acted on, or null
     * @param attempt        the attempt, from 1
     * @param status         its last status
     * @param startedAt      when it started, or null (a skipped step)
     * @param at             its last event's time
     * @param durationMillis started to ended, or null while it runs
     * @param detail         what the executor said last
     */
    public record Step(String planId, String stepId, String action, String nodeId, int attempt, String status,
            Instant startedAt, Instant at, Long durationMillis, String detail) {
    }

    /**
     * A report of {@code revive.reports}.
     *
     * @param reportId   the report
     * @param incidentId its incident
     * @param planId     the plan verified
     * @param clusterId  its cluster
     * @param verdict    the conclusion
     * @param mttrMillis detection to verification
     * @param verifiedAt when the verifier finished
     * @param checks     every check with observed, expected and evidence
     */
    public record Report(String reportId, String incidentId, String planId, String clusterId, String verdict,
            Long mttrMillis, Instant verifiedAt, List<CheckResult> checks) {
    }

    /**
     * A record of {@code revive.dlq}, described by its headers.
     *
     * @param reason      the reject reason
     * @param field       the offending field, or null
     * @param detail      what was wrong, or null
     * @param service     the service that rejected it, or null
     * @param sourceTopic where it came from, or null
     * @param rejectedAt  when it was rejected, as written, or null
     * @param offset      its offset in {@code revive.dlq}
     * @param partition   its partition in {@code revive.dlq}
     */
    public record DeadLetter(String reason, String field, String detail, String service, String sourceTopic,
            String rejectedAt, long offset, int partition) {
    }
}
