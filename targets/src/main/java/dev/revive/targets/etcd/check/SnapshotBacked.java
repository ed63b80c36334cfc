package dev.revive.targets.etcd.check;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.etcd.SnapshotFiles;
import dev.revive.targets.kind.CheckFinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which snapshot backs the incident: the plan's snapshot ({@link PlanSnapshot}) with its path, size, sha256 and
 * revision; PASS while its sha256 matches its sidecar, FAIL when it does not (the backup cannot be trusted), SKIPPED
 * when the plan took none. The file is hashed once per round, by the comparison with its sidecar. A HEALTH check, so
 * that a damaged backup never reads as diverged replicas (which would propose a rollback).
 */
final class SnapshotBacked extends EtcdCheck {

    private static final String EXPECTED = "the plan's snapshot matches the sha256 of its sidecar";

    SnapshotBacked() {
        super("snapshot", CheckFinding.Kind.HEALTH);
    }

    @Override
    CheckResult run(CheckContext context) {
        PlanSnapshot snapshot = context.snapshot();
        if (snapshot.file().isEmpty()) {
            return result(CheckStatus.SKIPPED, snapshot.absence(), EXPECTED, Map.of());
        }
        Path file = snapshot.file().get();
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("path", file.toString());
        Optional<String> mismatch = SnapshotFiles.mismatch(file);
        if (mismatch.isPresent()) {
            return result(CheckStatus.FAIL, mismatch.get(), EXPECTED, evidence);
        }
        try {
            evidence.put("size", Long.toString(Files.size(file)));
            evidence.put("sha256", SnapshotFiles.recordedSha256(file));
        } catch (IOException e) {
            return result(CheckStatus.FAIL, file + " cannot be read: " + e.getMessage(), EXPECTED, evidence);
        }
        evidence.put("revision", snapshot.metadata().map(metadata -> Long.toString(metadata.revision()))
                .orElse("not recorded"));
        return result(CheckStatus.PASS, "snapshot " + file + " (" + evidence.get("size") + " bytes, sha256 "
                + evidence.get("sha256") + ", revision " + evidence.get("revision") + ") backs the plan", EXPECTED,
                evidence);
    }
}
