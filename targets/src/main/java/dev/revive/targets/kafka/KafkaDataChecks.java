package dev.revive.targets.kafka;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.TargetException;
import dev.revive.targets.kind.CheckFinding;
import dev.revive.targets.kind.CheckRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.common.GroupState;

/**
 * The DATA checks of a Kafka cluster: no partition's high watermark below the baseline recorded for the request's plan
 * ({@value #HIGH_WATERMARKS}; without a baseline the check passes and says so), the canary written with
 * {@code acks=all} and idempotence and read back with {@code read_committed} exactly once ({@value #CANARY}), and
 * every consumer group Stable or Empty ({@value #GROUPS}).
 */
public final class KafkaDataChecks {

    /** No partition's high watermark moved below the plan's baseline. */
    public static final String HIGH_WATERMARKS = "high-watermarks-kept";
    /** The canary records were acknowledged and read back, each exactly once. */
    public static final String CANARY = "canary-exactly-once";
    /** Every consumer group is Stable or Empty. */
    public static final String GROUPS = "consumer-groups-stable";

    private final KafkaOffsets offsets;
    private final KafkaCanary canary;
    private final LongSupplier runIds;

    /**
     * @param admins the kind's Admin clients
     * @param runIds the source of canary run ids (a clock's millis: each round tags its records apart)
     */
    public KafkaDataChecks(KafkaAdmins admins, LongSupplier runIds) {
        this.offsets = new KafkaOffsets(admins);
        this.canary = new KafkaCanary(admins);
        this.runIds = runIds;
    }

    /** Every DATA check once; ERROR results when the metadata ({@code state}, null) could not be read. */
    List<CheckFinding> run(CheckRequest request, Admin admin, KafkaState state) {
        List<CheckFinding> findings = new ArrayList<>();
        findings.add(finding(HIGH_WATERMARKS, state, () -> highWatermarks(request, admin, state)));
        findings.add(finding(CANARY, state, () -> canary(request, admin, state)));
        findings.add(finding(GROUPS, state, () -> groups(admin)));
        return findings;
    }

    private static CheckFinding finding(String name, KafkaState state, Supplier<CheckResult> check) {
        CheckResult result;
        if (state == null) {
            result = new KafkaEvidence().result(name, CheckStatus.ERROR, "the cluster's metadata could not be read",
                    null);
        } else {
            try {
                result = check.get();
            } catch (TargetException e) {
                result = new KafkaEvidence().put("error", e.kind()).result(name, CheckStatus.ERROR, e.getMessage(),
                        null);
            }
        }
        return new CheckFinding(CheckFinding.Kind.DATA, result);
    }

    private CheckResult highWatermarks(CheckRequest request, Admin admin, KafkaState state) {
        String expected = "no high watermark below the baseline";
        if (request.planId() == null) {
            return new KafkaEvidence().put("baseline", "no baseline: no plan")
                    .result(HIGH_WATERMARKS, CheckStatus.PASS, "no baseline (no plan)", expected);
        }
        Path file = KafkaBaseline.file(request.spec(), request.planId());
        Optional<KafkaBaseline> baseline = KafkaBaseline.read(file);
        if (baseline.isEmpty()) {
            return new KafkaEvidence().put("baseline", "no baseline at " + file)
                    .result(HIGH_WATERMARKS, CheckStatus.SKIPPED, "no baseline for plan " + request.planId()
                            + ": nothing to compare with", expected);
        }
        KafkaOffsets.Watermarks watermarks = offsets.highWatermarks(admin, state.partitions());
        Map<String, Long> now = watermarks.read();
        KafkaEvidence evidence = new KafkaEvidence().put("baseline", file);
        List<String> behind = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        baseline.get().highWatermarks().forEach((partition, before) -> {
            Long after = now.get(partition);
            if (watermarks.unavailable().contains(partition)) {
                behind.add(partition);
                evidence.put(partition, "high watermark unreadable now (no leader answered); baseline " + before);
            } else if (after == null) {
                gone.add(partition);
            } else if (after < before) {
                behind.add(partition);
                evidence.put(partition, "high watermark " + after + " < baseline " + before);
            }
        });
        if (!gone.isEmpty()) {
            evidence.put("partitions gone since the baseline", String.join(", ", gone));
        }
        evidence.put("partitions compared", baseline.get().highWatermarks().size() - gone.size());
        CheckStatus status = behind.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL;
        String observed = behind.isEmpty() ? "no high watermark below the baseline of plan " + request.planId()
                : behind.size() + " partition(s) below the baseline: " + String.join(", ", behind);
        return evidence.result(HIGH_WATERMARKS, status, observed, expected);
    }

    private CheckResult canary(CheckRequest request, Admin admin, KafkaState state) {
        String runId = Long.toString(runIds.getAsLong());
        KafkaCanary.Outcome outcome = canary.run(request.spec(), admin,
                (int) state.brokers().values().stream().filter(broker -> !broker.fenced()).count(), runId);
        KafkaEvidence evidence = new KafkaEvidence().put("topic", KafkaCanary.TOPIC).put("run", runId)
                .put("acknowledged", outcome.acknowledged()).put("found", outcome.found())
                .put("missing", outcome.missing()).put("duplicates", outcome.duplicates());
        CheckStatus status = outcome.missing() == 0 && outcome.duplicates() == 0 ? CheckStatus.PASS : CheckStatus.FAIL;
        return evidence.result(CANARY, status, outcome.acknowledged() + " acknowledged, " + outcome.found()
                + " read back, " + outcome.missing() + " missing, " + outcome.duplicates() + " duplicates",
                "every acknowledged canary record read back exactly once");
    }

    private CheckResult groups(Admin admin) {
        KafkaEvidence evidence = new KafkaEvidence();
        List<String> unsettled = new ArrayList<>();
        for (GroupListing group : offsets.consumerGroups(admin).values()) {
            GroupState state = group.groupState().orElse(GroupState.UNKNOWN);
            evidence.put(group.groupId(), state);
            if (state != GroupState.STABLE && state != GroupState.EMPTY) {
                unsettled.add(group.groupId() + " " + state);
            }
        }
        CheckStatus status = unsettled.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL;
        return evidence.result(GROUPS, status, unsettled.isEmpty() ? "every consumer group Stable or Empty"
                : String.join(", ", unsettled), "every consumer group Stable or Empty");
    }
}
