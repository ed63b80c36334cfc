package dev.revive.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The planner's plan and decision API: {@code GET /plans/{id}}, {@code POST /plans/{id}/approve|reject} (approve with
 * {@code dryRun} for {@code revive dry-run}) and {@code POST /clusters/{id}/rollback}.
 */
final class PlanCommands {

    private PlanCommands() {
    }

    /** Who decides and why, for every decision. */
    static final class Decision {
        @Option(names = "--reason", required = true, description = "Why (recorded with the decision).")
        String reason;
        @Option(names = "--by", defaultValue = "${sys:user.name}",
                description = "Who decides (default: the user, ${DEFAULT-VALUE}).")
        String by;

        Map<String, Object> body(boolean dryRun) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("by", by);
            body.put("reason", reason);
            body.put("dryRun", dryRun);
            return body;
        }
    }

    /** {@code revive plan show ID}. */
    @Command(name = "plan", mixinStandardHelpOptions = true, description = "Plans.", subcommands = Show.class)
    static final class Plan implements Runnable {
        @ParentCommand
        Revive revive;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(revive.out);
        }
    }

    /** {@code revive plan show ID}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Shows a plan's incident as the planner sees it now (state, mode, target, deadline, note).",
            footerHeading = "%nExamples:%n", footer = "  revive plan show plan-42 --json")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        Plan plan;
        @Mixin
        Connection connection;
        @Parameters(paramLabel = "PLAN_ID", description = "The plan.")
        String planId;

        @Override
        public Integer call() {
            JsonNode view = connection.planner().get("/plans/" + Api.segment(planId));
            if (connection.json) {
                plan.revive.json(view);
                return Exit.OK;
            }
            var out = plan.revive.out;
            out.printf("plan      %s%s%n", view.path("planId").asText(), view.path("current").asBoolean() ? ""
                    : " (superseded by " + view.path("currentPlanId").asText() + ")");
            out.printf("cluster   %s%nincident  %s%nstate     %s%nmode      %s%n", view.path("clusterId").asText(),
                    view.path("incidentId").asText(), view.path("state").asText(), view.path("mode").asText("-"));
            out.printf("target    %s%nfaults    %s%n", view.path("targetNodeId").asText("cluster-wide"),
                    view.path("faultIds"));
            if (view.hasNonNull("deadline")) {
                out.printf("deadline  %s%n", view.path("deadline").asText());
            }
            if (view.hasNonNull("note")) {
                out.printf("note      %s%n", view.path("note").asText());
            }
            return Exit.OK;
        }
    }

    /** Approve, reject or dry-run: one POST to the planner. */
    abstract static class Decide implements Callable<Integer> {
        @ParentCommand
        Revive revive;
        @Mixin
        Connection connection;
        @Mixin
        Decision decision;
        @Parameters(paramLabel = "PLAN_ID", description = "The plan awaiting approval.")
        String planId;
        private final String verdict;
        private final boolean dryRun;

        /** @param verdict the planner's path segment, {@code approve} or {@code reject} */
        Decide(String verdict, boolean dryRun) {
            this.verdict = verdict;
            this.dryRun = dryRun;
        }

        @Override
        public Integer call() {
            JsonNode accepted = connection.planner().post("/plans/" + Api.segment(planId) + "/" + verdict,
                    decision.body(dryRun));
            if (connection.json) {
                revive.json(accepted);
            } else {
                revive.out.printf("%s %s%s: decision %s published%n", verdict.equals("approve") ? "approved"
                        : "rejected", planId, dryRun ? " as a dry run" : "", accepted.path("decisionId").asText());
            }
            return Exit.OK;
        }
    }

    /** {@code revive approve ID --reason R}. */
    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approves a plan that awaits approval; the executor runs it.",
            footerHeading = "%nExamples:%n", footer = "  revive approve plan-42 --reason 'disk cleaned'")
    static final class Approve extends Decide {
        Approve() {
            super("approve", false);
        }
    }

    /** {@code revive reject ID --reason R}. */
    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = "Rejects a plan that awaits approval; its incident is escalated and the cluster released.",
            footerHeading = "%nExamples:%n", footer = "  revive reject plan-42 --reason 'maintenance window'")
    static final class Reject extends Decide {
        Reject() {
            super("reject", false);
        }
    }

    /** {@code revive dry-run ID --reason R}. */
    @Command(name = "dry-run", mixinStandardHelpOptions = true,
            description = "Approves a plan that awaits approval as a dry run: every step is walked, nothing touched.",
            footerHeading = "%nExamples:%n", footer = "  revive dry-run plan-42 --reason 'see what it would do'")
    static final class DryRun extends Decide {
        DryRun() {
            super("approve", true);
        }
    }

    /** {@code revive rollback CLUSTER --snapshot ID --reason R}. */
    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Asks the planner to roll a cluster back to a snapshot (the newest verified one without"
                    + " --snapshot).",
            footerHeading = "%nExamples:%n",
            footer = "  revive rollback etcd-prod --snapshot snap-20261201.db --reason 'bad migration'")
    static final class Rollback implements Callable<Integer> {
        @ParentCommand
        Revive revive;
        @Mixin
        Connection connection;
        @Mixin
        Decision decision;
        @Parameters(paramLabel = "CLUSTER", description = "The cluster.")
        String clusterId;
        @Option(names = "--snapshot", paramLabel = "ID", description = "The snapshot (a file of its backup directory).")
        String snapshot;
        @Option(names = "--dry-run", description = "Walk the rollback without touching anything.")
        boolean dryRun;

        @Override
        public Integer call() {
            Map<String, Object> body = decision.body(dryRun);
            body.put("snapshot", snapshot);
            JsonNode accepted = connection.planner().post("/clusters/" + Api.segment(clusterId) + "/rollback", body);
            if (connection.json) {
                revive.json(accepted);
            } else {
                revive.out.printf("rollback of %s to %s asked for: decision %s published%n", clusterId,
                        snapshot == null ? "the newest verified snapshot" : snapshot,
                        accepted.path("decisionId").asText());
            }
            return Exit.OK;
        }
    }
}
