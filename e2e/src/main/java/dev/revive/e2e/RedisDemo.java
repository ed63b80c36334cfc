package dev.revive.e2e;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.testkit.RedisCluster;
import dev.revive.testkit.RedisNode;
import dev.revive.testkit.RedisWriter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The demo's Redis target ({@code --target redis}): a node of a primary with two replicas behind HAProxy killed with
 * SIGKILL (a replica, or the primary with {@code --kill leader}) while a writer writes through HAProxy; the recovery
 * printed as it happens, then the roles, where HAProxy routes, and the acknowledged writes missing on the primary
 * against the loss bound the report states.
 */
final class RedisDemo {

    private final RedisTarget redis;
    private final FaultDemo demo;

    RedisDemo(ReviveStack stack, RedisTarget redis, TimelinePrinter printer, Clock clock, Duration recoveryTimeout) {
        this.redis = redis;
        this.demo = new FaultDemo(stack, printer, clock, recoveryTimeout);
    }

    /** Kills the primary ({@code killPrimary}) or a replica while the writer writes, and returns the report. */
    RecoveryReport recoverNode(boolean killPrimary) throws InterruptedException, IOException {
        RedisCluster cluster = redis.cluster();
        String primary = cluster.primary().name();
        String victim = killPrimary ? primary : cluster.ids().stream().filter(id -> !id.equals(primary)).findFirst()
                .orElseThrow();
        try (RedisWriter writer = RedisWriter.start("127.0.0.1", redis.proxy().frontendPort())) {
            Polling.await("the first acknowledged writes", Duration.ofSeconds(30),
                    () -> writer.acknowledged() > 100 ? Optional.of(true) : Optional.empty());
            var killedAt = demo.kill((killPrimary ? "the primary " : "replica ") + victim, cluster.pid(victim),
                    () -> cluster.kill9(victim));
            RecoveryReport report = demo.awaitReport(victim, killedAt);
            writer.close();
            RedisNode now = cluster.primary();
            List<String> missing = writer.missingFrom("127.0.0.1", now.port());
            System.out.printf("%nRoles now: %s. HAProxy routes clients to %s.%n", cluster.ids().stream()
                    .map(id -> id + " " + cluster.roleOf(id).orElse("silent")).collect(Collectors.joining(", ")),
                    redis.routedTo().orElse("nobody"));
            System.out.printf("Writes through HAProxy: %d acknowledged, %d failed while no primary answered; %d "
                    + "acknowledged writes missing on primary %s (%d bytes). The report's loss bound: %s.%n",
                    writer.acknowledged(), writer.failures(), missing.size(), now.name(),
                    (long) missing.size() * RedisWriter.writeBytes(), lossBound(report));
            return report;
        }
    }

    private static String lossBound(RecoveryReport report) {
        return report.checks().stream().filter(check -> check.name().equals("data-loss")).findFirst()
                .map(CheckResult::observed).orElse("none stated");
    }
}
