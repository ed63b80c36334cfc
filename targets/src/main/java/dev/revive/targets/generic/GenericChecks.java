package dev.revive.targets.generic;

import dev.revive.contracts.cluster.CheckSpec;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.report.CheckResult;
import dev.revive.targets.check.NewLogErrors;
import dev.revive.targets.kind.CheckFinding;
import dev.revive.targets.kind.CheckRequest;
import dev.revive.targets.kind.ClusterCheckSet;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The verification of a generic cluster: every check its spec declares, asked of every node and combined as
 * the check's aggregate says, then {@code no-new-errors} over the nodes' log files since the restart. All are
 * HEALTH checks (a generic kind cannot compare replicas' data), so a quick look runs them all too.
 */
public final class GenericChecks implements ClusterCheckSet {

    private final NodeAsker asker;
    private final NewLogErrors logs;

    public GenericChecks(NodeAsker asker) {
        this(asker, new NewLogErrors(ZoneId.systemDefault(), NewLogErrors.DEFAULT_MAX_BYTES));
    }

    GenericChecks(NodeAsker asker, NewLogErrors logs) {
        this.asker = asker;
        this.logs = logs;
    }

    @Override
    public List<CheckFinding> round(CheckRequest request) {
        ClusterSpec spec = request.spec();
        List<CheckFinding> findings = new ArrayList<>();
        for (CheckSpec check : spec.checks()) {
            List<NodeAnswer> answers = spec.nodes().stream().map(node -> asker.ask(node, check)).toList();
            findings.add(health(Aggregation.of(check, answers)));
        }
        findings.add(health(logs.check(spec, request.restartedAt())));
        return findings;
    }

    @Override
    public List<CheckFinding> quickLook(CheckRequest request) {
        return round(request);
    }

    private static CheckFinding health(CheckResult result) {
        return new CheckFinding(CheckFinding.Kind.HEALTH, result);
    }
}
