package dev.revive.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code revive}, the operator's command line: registers clusters at runtime, shows clusters, incidents, plans,
 * reports and dead letters, approves or rejects plans and asks for rollbacks, through the planner's and the
 * detector's REST APIs and Revive's Kafka topics. Exit codes: {@link Exit}.
 */
@Command(name = "revive", mixinStandardHelpOptions = true, version = "revive 0.1.0",
        description = "Operate Revive: register clusters, follow incidents, approve plans, read reports.",
        subcommands = {SpecCommands.Apply.class, SpecCommands.Sign.class, ViewCommands.Clusters.class,
                ViewCommands.Incidents.class, PlanCommands.Plan.class, PlanCommands.Approve.class,
                PlanCommands.Reject.class, PlanCommands.DryRun.class, PlanCommands.Rollback.class,
                ReportCommands.Reports.class, ReportCommands.Report.class, DlqCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  export REVIVE_PLANNER_URL=http://planner:8182",
            "  export REVIVE_DETECTOR_URL=http://detector:8181",
            "  export REVIVE_API_TOKEN_FILE=~/.revive/token",
            "  export REVIVE_KAFKA_BOOTSTRAP=kafka:9092",
            "  revive apply -f etcd-prod.yaml --key ~/.revive/revive-signing.key",
            "  revive clusters",
            "  revive incidents --watch",
            "  revive approve plan-42 --reason 'disk cleaned, restart is safe'",
            "  revive report rep-7 --json | jq '.checks[] | select(.status != \"PASS\")'",
            "  source <(revive completion)",
            "",
            "Exit codes: 0 done, 1 failed or not found, 2 bad usage,",
            "  3 a service or Kafka unreachable, 4 refused (token, Kafka auth)."})
public final class Revive implements Runnable {

    @Spec
    CommandSpec spec;

    final PrintStream out;
    final PrintStream err;

    Revive(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the CLI and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the CLI with {@code args}, printing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return commandLine(out, err).execute(args);
    }

    /** The command line of {@code revive}, with its completion command and exit-code mapping. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine line = new CommandLine(new Revive(out, err));
        line.addSubcommand("completion", new AutoComplete.GenerateCompletion());
        line.getSubcommands().get("completion").getCommandSpec().usageMessage()
                .description("Prints a bash/zsh completion script: source <(revive completion)");
        line.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        line.setExecutionExceptionHandler((failure, failed, parsed) -> {
            if (failure instanceof Exit.Failure known) {
                err.println("revive: " + known.getMessage());
                return known.code();
            }
            err.println("revive: unexpected " + failure);
            return Exit.FAILED;
        });
        return line;
    }

    @Override
    public void run() {
        spec.commandLine().usage(out);
    }

    /** Prints {@code value} as one JSON document. */
    void json(Object value) {
        try {
            out.println(Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new Exit.Failure(Exit.FAILED, "cannot print JSON: " + e.getMessage(), e);
        }
    }

    /** Prints {@code value} as one JSON line (for streams of events). */
    void jsonLine(Object value) {
        try {
            out.println(Api.JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new Exit.Failure(Exit.FAILED, "cannot print JSON: " + e.getMessage(), e);
        }
    }
}
