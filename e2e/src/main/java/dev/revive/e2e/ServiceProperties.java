package dev.revive.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code -D} properties of each service a {@link ReviveStack} starts, by service name (a second executor under
 * {@link ReviveStack#SECOND_EXECUTOR}): fast probes for the detector, the planner's Streams state dir, the executor's
 * coordination etcd, the verifier's settle time. What every instance shares; per-instance properties come from
 * {@link StackLayout#perInstance}. The console, a fifth JVM, only when a stack asks for it.
 */
final class ServiceProperties {

    /** The console's service name: started only by a stack that asks for it ({@link ReviveStack#startWithConsole}). */
    static final String CONSOLE = "console";

    private ServiceProperties() {
    }

    /**
     * The properties of every service of a stack under {@code runDir} on the broker at {@code bootstrap}, with two
     * executors (short lease and group session) when {@code twoExecutors}, and the console last when
     * {@code withConsole} (its planner URL comes from {@link ServiceLauncher}, once the planner has its port).
     */
    static Map<String, Map<String, String>> of(Path runDir, String bootstrap, List<String> coordinationEndpoints,
            boolean twoExecutors, boolean withConsole, Duration verifierSettleTime) {
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        configs.put("detector", Map.of(
                "revive.detector.specs-dir", runDir.resolve("specs").toString(),
                "revive.detector.probe.interval", "PT0.25S",
                "revive.detector.probe.timeout", "PT0.5S",
                "revive.detector.probe.failure-threshold", "2",
                "revive.detector.probe.recovery-threshold", "2"));
        configs.put("planner", Map.of(
                "quarkus.kafka-streams.bootstrap-servers", bootstrap,
                "kafka-streams.state.dir", runDir.resolve("planner-state").toString()));
        configs.put("executor", Map.of(
                "revive.executor.coordination.endpoints", String.join(",", coordinationEndpoints)));
        if (twoExecutors) {
            Map<String, String> executor = new LinkedHashMap<>(configs.get("executor"));
            executor.put("revive.executor.coordination.lock-ttl", ReviveStack.TWO_EXECUTORS_LOCK_TTL.toString());
            executor.put("revive.executor.coordination.call-timeout", "PT2S");
            executor.put("revive.executor.kafka.session-timeout",
                    ReviveStack.TWO_EXECUTORS_SESSION_TIMEOUT.toString());
            configs.put("executor", withId(executor, "executor-1"));
            configs.put(ReviveStack.SECOND_EXECUTOR, withId(executor, "executor-2"));
        }
        configs.put("verifier", Map.of("revive.verifier.checks.settle-time", verifierSettleTime.toString()));
        if (withConsole) {
            configs.put(CONSOLE, Map.of());
        }
        return configs;
    }

    private static Map<String, String> withId(Map<String, String> executor, String id) {
        Map<String, String> properties = new LinkedHashMap<>(executor);
        properties.put("revive.executor.id", id);
        return properties;
    }
}
