package dev.revive.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.report.RecoveryReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code revive clusters} and {@code revive incidents}: what Revive watches and what it is doing. */
final class ViewCommands {

    private ViewCommands() {
    }

    /** {@code revive clusters}. */
    @Command(name = "clusters", mixinStandardHelpOptions = true,
            description = "Lists the registered clusters with each member's health as the planner sees it (a member"
                    + " with an open fault is 'fault') and the cluster's current incident.",
            footerHeading = "%nExamples:%n", footer = {"  revive clusters", "  revive clusters --json"})
    static final class Clusters implements Callable<Integer> {
        @ParentCommand
        Revive revive;
        @Mixin
        Connection connection;

        @Override
        public Integer call() {
            JsonNode watched = connection.detector().get("/clusters");
            JsonNode planned = connection.planner().get("/clusters");
            Map<String, JsonNode> byId = new LinkedHashMap<>();
            planned.forEach(cluster -> byId.put(cluster.path("clusterId").asText(), cluster));
            List<Map<String, Object>> rows = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (JsonNode cluster : watched) {
                String id = cluster.path("id").asText();
                seen.add(id);
                rows.add(row(id, cluster.path("kind").asText(), cluster.path("nodes"), byId.get(id)));
            }
            byId.forEach((id, view) -> {
                if (!seen.contains(id)) {
                    rows.add(row(id, "?", Api.JSON.createArrayNode(), view));
                }
            });
            if (connection.json) {
                revive.json(rows);
                return Exit.OK;
            }
            revive.out.printf("%-24s %-10s %-8s %-18s %s%n", "CLUSTER", "KIND", "PROBED", "INCIDENT", "MEMBERS");
            for (Map<String, Object> row : rows) {
                @SuppressWarnings("unchecked")
                List<Map<String, String>> members = (List<Map<String, String>>) row.get("members");
                StringBuilder text = new StringBuilder();
                members.forEach(member -> text.append(member.get("node")).append('=').append(member.get("health"))
                        .append(' '));
                revive.out.printf("%-24s %-10s %-8s %-18s %s%n", row.get("clusterId"), row.get("kind"),
                        row.get("probed"), row.get("incident") == null ? "-" : row.get("incidentState"), text.toString()
                                .strip());
            }
            return Exit.OK;
        }

        private static Map<String, Object> row(String id, String kind, JsonNode nodes, JsonNode planned) {
            Set<String> open = new HashSet<>();
            if (planned != null) {
                planned.path("openNodes").forEach(node -> open.add(node.asText()));
            }
            List<Map<String, String>> members = new ArrayList<>();
            nodes.forEach(node -> members.add(Map.of("node", node.asText(), "health",
                    open.contains(node.asText()) ? "fault" : "ok")));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("clusterId", id);
            row.put("kind", kind);
            row.put("probed", !nodes.isEmpty());
            row.put("registered", planned != null && planned.path("registered").asBoolean());
            row.put("members", members);
            JsonNode incident = planned == null ? null : planned.get("incident");
            row.put("incident", incident == null || incident.isNull() ? null : incident);
            row.put("incidentState", incident == null || incident.isNull() ? null
                    : incident.path("state").asText() + " " + incident.path("incidentId").asText());
            return row;
        }
    }

    /** {@code revive incidents [--watch]}. */
    @Command(name = "incidents", mixinStandardHelpOptions = true,
            description = {"Lists the open incidents (planner) and the recently closed ones (their reports on"
                    + " revive.reports).", "--watch then prints the live timeline: faults, plans, one progress line"
                    + " per step with its duration, outcomes, reports and dead letters (Ctrl-C to stop)."},
            footerHeading = "%nExamples:%n",
            footer = {"  revive incidents", "  revive incidents --watch", "  revive incidents --json --recent 0"})
    static final class Incidents implements Callable<Integer> {
        @ParentCommand
        Revive revive;
        @Mixin
        Connection connection;
        @Option(names = "--recent", defaultValue = "5", paramLabel = "N",
                description = "How many closed incidents to show (from Kafka; 0: none, no Kafka needed). Default"
                        + " ${DEFAULT-VALUE}.")
        int recent;
        @Option(names = "--watch", description = "Then follow the live timeline.")
        boolean watch;
        @Option(names = "--for", paramLabel = "DURATION", description = "With --watch: stop after this long (e.g. PT5M).")
        Duration watchFor;

        @Override
        public Integer call() {
            JsonNode open = connection.planner().get("/incidents");
            List<RecoveryReport> closed = recent <= 0 ? List.of() : ReportCommands.reports(connection.kafka())
                    .stream().sorted(Comparator.comparing(ViewCommands::verifiedAt).reversed()).limit(recent).toList();
            if (connection.json) {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("open", open);
                answer.put("recent", closed.stream().map(ReportCommands::summary).toList());
                revive.json(answer);
            } else {
                revive.out.printf("%-20s %-24s %-18s %-20s %s%n", "INCIDENT", "CLUSTER", "STATE", "PLAN", "NOTE");
                open.forEach(incident -> revive.out.printf("%-20s %-24s %-18s %-20s %s%n",
                        incident.path("incidentId").asText(), incident.path("clusterId").asText(),
                        incident.path("state").asText(), incident.path("planId").asText("-"),
                        incident.path("note").asText("")));
                if (open.isEmpty()) {
                    revive.out.println("(no open incident)");
                }
                if (recent > 0) {
                    revive.out.printf("%nRecently closed:%n");
                    closed.forEach(report -> revive.out.println(ReportCommands.line(report)));
                }
            }
            if (watch) {
                Instant stopAt = watchFor == null ? null : Instant.now().plus(watchFor);
                TimelinePrinter printer = new TimelinePrinter(revive.out, Instant.now());
                connection.kafka().tail(List.of(Topics.Names.FAULTS, Topics.Names.PLANS, Topics.Names.EXECUTIONS,
                        Topics.Names.REPORTS, Topics.Names.DLQ), record -> {
                            Object value = Records.value(record);
                            if (connection.json) {
                                revive.jsonLine(Map.of("topic", record.topic(), "value", value));
                            } else {
                                printer.print(record.topic(), value, Instant.ofEpochMilli(record.timestamp()),
                                        Records.headers(record.headers()));
                            }
                        }, () -> stopAt != null && Instant.now().isAfter(stopAt));
            }
            return Exit.OK;
        }
    }

    static Instant verifiedAt(RecoveryReport report) {
        return report.timeline() == null || report.timeline().verifiedAt() == null ? Instant.EPOCH
                : report.timeline().verifiedAt();
    }
}
