package dev.revive.e2e;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.revive.contracts.json.Json;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.testkit.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The demo: starts Revive on embedded defaults, breaks the target (by default kills an etcd member with SIGKILL; the
 * etcd runbook scenarios are {@link EtcdScenarios}), prints the recovery as it happens and the final report, writes
 * the report JSON, and exits 0 on a CONSISTENT verdict, 1 otherwise with the reason, 2 on a wrong command line.
 * {@code --keep-running} leaves everything up to kill members by hand.
 */
public final class Demo {

    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(3);

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path runDir = TempDirs.create("revive-demo-");
        System.out.println("Revive demo — run directory " + runDir);
        boolean consistent = false;
        try (RedisTarget redis = options.target() == DemoOptions.Target.REDIS
                ? RedisTarget.start(ReviveStack.REDIS_ID, runDir.resolve("redis")) : null;
                ReviveStack stack = start(options, runDir, redis)) {
            RecoveryReport report = recover(stack, redis, options, Clock.systemUTC());
            consistent = report.verdict() == Verdict.CONSISTENT;
            if (!consistent) {
                System.out.printf("%nFAILED: the verdict is %s; checks not passed: %s%n", report.verdict(),
                        report.checks().stream().filter(check -> check.status() != CheckStatus.PASS).toList());
            }
            if (options.keepRunning()) {
                keepRunning(stack, redis);
            }
        } catch (IllegalStateException e) {
            System.out.println("\nFAILED: " + e.getMessage());
        } finally {
            if (consistent) {
                TempDirs.deleteRecursively(runDir);
            } else {
                System.out.println("Logs of every process are kept in " + runDir.resolve("logs"));
            }
        }
        System.exit(consistent ? 0 : 1);
    }

    private static ReviveStack start(DemoOptions options, Path runDir, RedisTarget redis) throws Exception {
        Consumer<String> progress = line -> System.out.println("  " + line);
        return switch (options.target()) {
            case ETCD -> ReviveStack.start(options.repoRoot(), runDir, progress);
            case KAFKA, COLLECTOR -> ReviveStack.startWithCollection(options.repoRoot(), runDir, progress);
            case REDIS -> ReviveStack.startWatching(options.repoRoot(), runDir, progress, redis.spec());
        };
    }

    /** Breaks the target the options name and returns the report of its recovery, written to the out dir. */
    private static RecoveryReport recover(ReviveStack stack, RedisTarget redis, DemoOptions options, Clock clock)
            throws Exception {
        TimelinePrinter printer = new TimelinePrinter(System.out, clock.instant());
        stack.events().onEntry(printer::print);
        RecoveryReport report;
        if (options.target() == DemoOptions.Target.ETCD) {
            report = new EtcdScenarios(stack, printer, clock, RECOVERY_TIMEOUT)
                    .run(options.scenario(), options.killLeader());
        } else if (options.target() == DemoOptions.Target.REDIS) {
            report = new RedisDemo(stack, redis, printer, clock, RECOVERY_TIMEOUT).recoverNode(options.killLeader());
        } else {
            CollectionDemo demo = new CollectionDemo(stack, printer, clock, RECOVERY_TIMEOUT);
            report = options.target() == DemoOptions.Target.KAFKA
                    ? demo.recoverBroker(options.killLeader())
                    : demo.recoverWorker();
        }
        System.out.printf("%nReport written to %s.%n", writeReport(options.outDir(), report));
        return report;
    }

    private static Path writeReport(Path outDir, RecoveryReport report) throws Exception {
        Files.createDirectories(outDir);
        Path file = outDir.resolve("report-" + report.incidentId() + ".json");
        Json.events().copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
        return file;
    }

    private static void keepRunning(ReviveStack stack, RedisTarget redis) throws InterruptedException {
        if (redis != null) {
            System.out.println("\nEverything keeps running. Kill a Redis node and watch Revive bring it back:");
            redis.cluster().ids().forEach(id -> System.out.printf("  kill -9 %d   # %s (%s)%n", redis.cluster().pid(id),
                    id, redis.cluster().roleOf(id).orElse("silent")));
            System.out.printf("Clients reach the primary through HAProxy on 127.0.0.1:%d. Press Ctrl-C to stop "
                    + "everything.%n", redis.proxy().frontendPort());
            new CountDownLatch(1).await();
        }
        System.out.println("\nEverything keeps running. Kill a member and watch Revive bring it back:");
        stack.target().members().forEach(member -> System.out.printf("  kill -9 %s   # %s %s%n",
                member.pid().isPresent() ? member.pid().getAsLong() : "$(pgrep -f " + member.dataDir() + ")",
                member.name(), member.clientUrl()));
        System.out.printf("Or report a fault as another system would:%n  curl -X POST %s/faults -H 'Authorization: Bearer %s' "
                + "-H 'Content-Type: application/json' -d '{\"faultId\":\"manual-1\",\"clusterId\":\"%s\",\"nodeId\":\"%s\","
                + "\"kind\":\"UNHEALTHY\",\"severity\":\"CRITICAL\",\"observedAt\":\"%s\",\"source\":\"me\","
                + "\"dedupKey\":\"manual\"}'%n", stack.service("detector").url(), stack.apiToken(), ReviveStack.CLUSTER_ID,
                stack.followers().get(0).name(), Instant.now());
        System.out.println("Press Ctrl-C to stop everything.");
        new CountDownLatch(1).await();
    }
}
