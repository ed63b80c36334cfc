package dev.revive.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.revive.contracts.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code revive} CLI ({@code java -jar revive-cli/target/revive-cli.jar}) run against a {@link ReviveStack}:
 * each run gets the stack's planner and detector URLs, its bootstrap servers and its API token through the
 * environment, as an operator's shell would; its output goes to files in {@code workDir}.
 *
 * @param repoRoot    the repository (the jar and the wrapper script are below it)
 * @param workDir     where each run's stdout and stderr are kept
 * @param stack       the stack the CLI talks to
 */
record ReviveCli(Path repoRoot, Path workDir, ReviveStack stack) {

    /** How long one run may take. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    /** What one run of the CLI did. */
    record Run(int code, String out, String err) {

        /** The output as JSON (a failed assertion when it is not). */
        JsonNode json() {
            try {
                return Json.events().readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out + " / " + err, e);
            }
        }
    }

    /** {@code revive ARGS} through the jar. */
    Run jar(String... args) {
        return jar(Map.of(), args);
    }

    /** {@code revive ARGS} through the jar, with {@code env} on top of the usual environment. */
    Run jar(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                repoRoot.resolve("revive-cli/target/revive-cli.jar").toString()));
        command.addAll(List.of(args));
        return run(command, env);
    }

    /** {@code command} (e.g. the wrapper script) with the usual environment and {@code env} on top. */
    Run run(List<String> command, Map<String, String> env) {
        try {
            Path out = Files.createTempFile(workDir, "cli", ".out");
            Path err = Files.createTempFile(workDir, "cli", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("REVIVE_PLANNER_URL", stack.service("planner").url());
            builder.environment().put("REVIVE_DETECTOR_URL", stack.service("detector").url());
            builder.environment().put("REVIVE_KAFKA_BOOTSTRAP", stack.broker().bootstrapServers());
            builder.environment().put("REVIVE_API_TOKEN", stack.apiToken());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("revive " + command + " did not end within " + COMMAND_TIMEOUT);
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
