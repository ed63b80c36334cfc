package dev.revive.targets.generic;

import dev.revive.contracts.cluster.CheckSpec;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.kind.ProbeResult.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Combines the nodes' answers to one declared check into its result, as the check's aggregate says. A check
 * that no node answered could not run (ERROR); otherwise it passes or fails, with every node's answer as
 * evidence.
 */
final class Aggregation {

    private Aggregation() {
    }

    static CheckResult of(CheckSpec check, List<NodeAnswer> answers) {
        Map<String, String> evidence = new LinkedHashMap<>();
        answers.forEach(answer -> evidence.put(answer.nodeId(), answer.describe()));
        String expected = expected(check, answers.size());
        if (answers.stream().noneMatch(NodeAnswer::answered)) {
            return new CheckResult(check.name(), CheckStatus.ERROR, "no node answered", expected, evidence);
        }
        return switch (check.aggregate()) {
            case EVERY_NODE -> everyNode(check, answers, expected, evidence);
            case EXACTLY_ONE -> exactlyOne(check, answers, expected, evidence);
            case CAUGHT_UP -> caughtUp(check, answers, expected, evidence);
        };
    }

    private static CheckResult everyNode(CheckSpec check, List<NodeAnswer> answers, String expected,
            Map<String, String> evidence) {
        List<NodeAnswer> wrong = answers.stream().filter(answer -> !answer.ok()).toList();
        String observed = (answers.size() - wrong.size()) + " of " + answers.size() + " nodes answer as expected"
                + (wrong.isEmpty() ? "" : "; not: " + ids(wrong));
        return result(check, wrong.isEmpty(), observed, expected, evidence);
    }

    private static CheckResult exactlyOne(CheckSpec check, List<NodeAnswer> answers, String expected,
            Map<String, String> evidence) {
        // a node that answered without the field (a ZooKeeper follower has no zk_synced_followers) answered: no match
        List<NodeAnswer> silent = answers.stream()
                .filter(answer -> answer.outcome() == Outcome.REFUSED || answer.outcome() == Outcome.TIMEOUT).toList();
        List<NodeAnswer> matching = answers.stream().filter(NodeAnswer::ok).toList();
        String observed = matching.size() + " node(s) match" + (matching.isEmpty() ? "" : ": " + ids(matching))
                + (silent.isEmpty() ? "" : "; silent: " + ids(silent));
        return result(check, matching.size() == 1 && silent.isEmpty(), observed, expected, evidence);
    }

    private static CheckResult caughtUp(CheckSpec check, List<NodeAnswer> answers, String expected,
            Map<String, String> evidence) {
        List<NodeAnswer> unusable = answers.stream()
                .filter(answer -> !answer.answered() || GenericStatusReader.Positions.parse(answer.value()).isEmpty())
                .toList();
        LongSummaryStatistics positions = answers.stream().filter(answer -> !unusable.contains(answer))
                .map(answer -> GenericStatusReader.Positions.parse(answer.value())).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).summaryStatistics();
        if (positions.getCount() == 0) {
            return result(check, false, "no node gave a number", expected, evidence);
        }
        long lag = positions.getMax() - positions.getMin();
        String observed = "largest lag " + lag + " (" + positions.getMin() + ".." + positions.getMax() + ")"
                + (unusable.isEmpty() ? "" : "; no number from: " + ids(unusable));
        return result(check, lag <= check.maxLag() && unusable.isEmpty(), observed, expected, evidence);
    }

    private static String expected(CheckSpec check, int nodes) {
        String value = check.field() == null ? "the answer" : check.field();
        String match = check.expect() == null ? "answers" : value + " matches " + check.expect();
        return switch (check.aggregate()) {
            case EVERY_NODE -> "on all " + nodes + " nodes, " + match;
            case EXACTLY_ONE -> "all " + nodes + " nodes answer and on exactly one " + match;
            case CAUGHT_UP -> "on all " + nodes + " nodes " + value + " within " + check.maxLag() + " of the highest";
        };
    }

    private static CheckResult result(CheckSpec check, boolean pass, String observed, String expected,
            Map<String, String> evidence) {
        return new CheckResult(check.name(), pass ? CheckStatus.PASS : CheckStatus.FAIL, observed, expected, evidence);
    }

    private static String ids(List<NodeAnswer> answers) {
        return answers.stream().map(NodeAnswer::nodeId).collect(Collectors.joining(", "));
    }
}
