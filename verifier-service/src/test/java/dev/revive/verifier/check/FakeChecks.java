package dev.revive.verifier.check;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.kind.CheckFinding;
import dev.revive.targets.kind.CheckRequest;
import dev.revive.targets.kind.ClusterCheckSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checks of a made-up kind whose results the test sets: one health check ({@code nodes-answer}) and one
 * data check ({@code data-equal}), both passing by default. Records every request it got.
 */
public final class FakeChecks implements ClusterCheckSet {

    public static final String HEALTH = "nodes-answer";
    public static final String DATA = "data-equal";

    public volatile CheckStatus health = CheckStatus.PASS;
    public volatile CheckStatus data = CheckStatus.PASS;
    private final List<CheckRequest> rounds = new ArrayList<>();
    private final List<CheckRequest> quickLooks = new ArrayList<>();

    public static FakeChecks passing() {
        return new FakeChecks();
    }

    @Override
    public synchronized List<CheckFinding> round(CheckRequest request) {
        rounds.add(request);
        return List.of(finding(CheckFinding.Kind.HEALTH, HEALTH, health), finding(CheckFinding.Kind.DATA, DATA, data));
    }

    @Override
    public synchronized List<CheckFinding> quickLook(CheckRequest request) {
        quickLooks.add(request);
        return List.of(finding(CheckFinding.Kind.HEALTH, HEALTH, health));
    }

    /** The requests of every full round so far. */
    public synchronized List<CheckRequest> rounds() {
        return List.copyOf(rounds);
    }

    /** The requests of every quick look so far. */
    public synchronized List<CheckRequest> quickLooks() {
        return List.copyOf(quickLooks);
    }

    private static CheckFinding finding(CheckFinding.Kind kind, String name, CheckStatus status) {
        return new CheckFinding(kind, new CheckResult(name, status, status.name(), "PASS", Map.of()));
    }
}
