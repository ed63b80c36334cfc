package dev.revive.cli;

import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.RecoveryReport;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code revive reports} and {@code revive report ID}: the verifier's reports, read from {@code revive.reports}. */
final class ReportCommands {

    private ReportCommands() {
    }

    /** {@code revive reports [--follow]}. */
    @Command(name = "reports", mixinStandardHelpOptions = true,
            description = "Lists every recovery report: verdict, checks passed, MTTR. --follow then prints new ones.",
            footerHeading = "%nExamples:%n", footer = {"  revive reports", "  revive reports --follow --json"})
    static final class Reports implements Callable<Integer> {
        @ParentCommand
        Revive revive;
        @Mixin
        Connection connection;
        @Option(names = {"-f", "--follow"}, description = "Then print each new report as it is published.")
        boolean follow;
        @Option(names = "--for", paramLabel = "DURATION", description = "With --follow: stop after this long.")
        Duration followFor;

        @Override
        public Integer call() {
            Kafka kafka = connection.kafka();
            List<RecoveryReport> reports = reports(kafka);
            if (connection.json && !follow) {
                revive.json(reports.stream().map(ReportCommands::summary).toList());
            } else {
                reports.forEach(this::print);
            }
            if (follow) {
                Instant stopAt = followFor == null ? null : Instant.now().plus(followFor);
                kafka.tail(List.of(Topics.Names.REPORTS), record -> {
                    if (Records.value(record) instanceof RecoveryReport report) {
                        print(report);
                    }
                }, () -> stopAt != null && Instant.now().isAfter(stopAt));
            }
            return Exit.OK;
        }

        private void print(RecoveryReport report) {
            if (connection.json) {
                revive.jsonLine(summary(report));
            } else {
                revive.out.println(line(report));
            }
        }
    }

    /** {@code revive report ID}. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Shows one report (by report, incident or plan id) with every check's observed, expected"
                    + " and evidence; the newest when several match.",
            footerHeading = "%nExamples:%n", footer = {"  revive report rep-7", "  revive report inc-3 --json"})
    static final class Report implements Callable<Integer> {
        @ParentCommand
        Revive revive;
        @Mixin
        Connection connection;
        @Parameters(paramLabel = "ID", description = "A report, incident or plan id.")
        String id;

        @Override
        public Integer call() {
            RecoveryReport report = reports(connection.kafka()).stream()
                    .filter(each -> id.equals(each.reportId()) || id.equals(each.incidentId()) || id.equals(each.planId()))
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> new Exit.Failure(Exit.FAILED, "no report for " + id));
            if (connection.json) {
                revive.json(report);
                return Exit.OK;
            }
            var out = revive.out;
            out.printf("report %s: cluster %s, incident %s, plan %s%nverdict %s, MTTR %s%n", report.reportId(),
                    report.clusterId(), report.incidentId(), report.planId(), report.verdict(), millis(report.mttr()));
            for (CheckResult check : report.checks()) {
                out.printf("  %-6s %s%n         observed: %s%n         expected: %s%n", check.status(), check.name(),
                        check.observed(), check.expected());
                if (check.evidence() != null && !check.evidence().isEmpty()) {
                    check.evidence().forEach((key, value) -> out.printf("         evidence: %s=%s%n", key, value));
                }
            }
            return Exit.OK;
        }
    }

    /** Every report on the topic, oldest first. */
    static List<RecoveryReport> reports(Kafka kafka) {
        return kafka.readAll(Topics.Names.REPORTS).stream().map(Records::value)
                .filter(RecoveryReport.class::isInstance).map(RecoveryReport.class::cast).toList();
    }

    /** A report in one line. */
    static String line(RecoveryReport report) {
        long passed = report.checks().stream().filter(check -> check.status().name().equals("PASS")).count();
        return String.format("%-22s %-24s %-14s %2d/%-2d checks pass  MTTR %-9s incident %s", report.reportId(),
                report.clusterId(), report.verdict(), passed, report.checks().size(), millis(report.mttr()),
                report.incidentId());
    }

    /** A report without its checks, for lists. */
    static Map<String, Object> summary(RecoveryReport report) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("reportId", report.reportId());
        summary.put("incidentId", report.incidentId());
        summary.put("planId", report.planId());
        summary.put("clusterId", report.clusterId());
        summary.put("verdict", report.verdict());
        summary.put("checksPassed", report.checks().stream().filter(check -> check.status().name().equals("PASS"))
                .count());
        summary.put("checks", report.checks().size());
        summary.put("mttrMillis", report.mttr() == null ? null : report.mttr().toMillis());
        summary.put("verifiedAt", ViewCommands.verifiedAt(report));
        return summary;
    }

    private static String millis(Duration duration) {
        return duration == null ? "-" : duration.toMillis() + " ms";
    }
}
