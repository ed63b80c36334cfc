package dev.revive.e2e;

import dev.revive.contracts.trust.SignCommand;
import dev.revive.contracts.trust.TrustedKeys;
import dev.revive.testkit.FreePorts;
import dev.revive.testkit.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Starts the four services of a {@link ReviveStack} (and the console, when asked) as {@code java -jar} processes of
 * their fast-jars: each with its properties ({@link ServiceProperties}, the layout's per-instance ones), the API
 * token in its environment, Kafka credentials when the broker is secure, a free HTTP port; returns once every one is
 * ready.
 *
 * @param runDir     the stack's run directory (logs, keys, specs below it)
 * @param broker     Revive's broker
 * @param secure     whether the broker is secure: each service then gets its Kafka credentials in its environment
 * @param coordination the coordination etcd's endpoints
 * @param twoExecutors whether a second executor runs ({@link ReviveStack#SECOND_EXECUTOR})
 * @param withConsole whether the console runs too (after the others: it forwards decisions to the first planner)
 * @param verifierSettleTime how long the verifier lets a cluster settle
 * @param layout     how many instances of each service, and what differs between them
 * @param apiToken   the bearer token of the detector's and the planner's REST APIs
 */
record ServiceLauncher(Path runDir, KafkaBroker broker, boolean secure, List<String> coordination, boolean twoExecutors,
        boolean withConsole, Duration verifierSettleTime, StackLayout layout, String apiToken) {

    /** How long a service may take to be ready (four times that for a scaled-out stack). */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    /**
     * Starts every service of the stack, each with {@code extraProperties} of its name besides its own, handing each
     * process to {@code track} as it starts; waits until ready.
     */
    Map<String, ServiceProcess> startAll(Path repoRoot, Consumer<String> progress,
            Map<String, Map<String, String>> extraProperties, UnaryOperator<ServiceProcess> track) throws Exception {
        long begin = System.nanoTime();
        Path logs = Files.createDirectories(runDir.resolve("logs"));
        String bootstrap = broker.bootstrapServers();
        Map<String, Map<String, String>> configs = ServiceProperties.of(runDir, bootstrap, coordination, twoExecutors,
                withConsole, verifierSettleTime);
        // The API token goes through the environment, never on a command line where every user could read it.
        Map<String, Map<String, String>> environments = Map.of(
                "detector", Map.of("REVIVE_DETECTOR_API_TOKEN", apiToken),
                "planner", Map.of("REVIVE_PLANNER_API_TOKEN", apiToken));
        Map<String, ServiceProcess> services = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> config : configs.entrySet()) {
            String name = config.getKey();
            String service = name.equals(ReviveStack.SECOND_EXECUTOR) ? "executor" : name;
            Path jar = repoRoot.resolve(service + "-service").resolve("target/quarkus-app/quarkus-run.jar");
            Map<String, String> environment = new LinkedHashMap<>(environments.getOrDefault(name, Map.of()));
            if (secure) {
                environment.putAll(broker.security().environment(service));
            }
            for (int instance = 1; instance <= layout.instancesPerService(); instance++) {
                int port = FreePorts.allocate(1)[0];
                Map<String, String> properties = new LinkedHashMap<>(config.getValue());
                properties.putAll(layout.perInstance(service, instance, port, runDir));
                properties.putAll(extraProperties.getOrDefault(name, Map.of()));
                if (service.equals(ServiceProperties.CONSOLE)) {
                    properties.put("revive.console.planner-url",
                            services.get(layout.instanceName("planner", 1)).url());
                }
                properties.put("kafka.bootstrap.servers", bootstrap);
                properties.put(TrustedKeys.CONFIG_KEY,
                        runDir.resolve("keys").resolve(SignCommand.PUBLIC_FILE).toString());
                String instanceName = layout.instanceName(name, instance);
                services.put(instanceName, track.apply(ServiceProcess.start(instanceName, jar, port, properties,
                        environment, logs)));
            }
        }
        // a scaled-out stack starts several JVMs per service at once: each may take longer to be ready
        Duration readyTimeout = READY_TIMEOUT.multipliedBy(layout.instancesPerService() == 1 ? 1 : 4);
        for (ServiceProcess process : services.values()) {
            process.awaitReady(readyTimeout);
        }
        progress.accept(String.format("services ready (%s) in %.1f s, logs in %s", String.join(", ",
                services.keySet()), (System.nanoTime() - begin) / 1e9, logs));
        return services;
    }
}
