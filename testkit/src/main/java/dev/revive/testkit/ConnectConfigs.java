package dev.revive.testkit;

import dev.revive.runtimes.JvmSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes each Connect worker's directory and properties file, and builds the argument list that starts it. */
final class ConnectConfigs {

    static final String MAIN_CLASS = "org.apache.kafka.connect.cli.ConnectDistributed";

    private ConnectConfigs() {
    }

    static List<ConnectWorker> workers(ConnectCluster.Settings settings, Path directory) {
        Path argFile = JvmSystems.writeArgFile(directory.resolve("classpath.args"));
        String group = "revive-connect-" + directory.getFileName().toString().replaceAll("[^A-Za-z0-9-]", "");
        int[] ports = FreePorts.allocate(settings.workers());
        List<ConnectWorker> workers = new ArrayList<>();
        for (int i = 0; i < settings.workers(); i++) {
            Path home = directory.resolve("w" + i);
            Path properties = home.resolve("worker.properties");
            TempDirs.writeLines(properties, properties(settings, group, ports[i]));
            workers.add(new ConnectWorker(i, ports[i], home, properties, home.resolve("w" + i + ".log"),
                command(argFile, properties)));
        }
        return workers;
    }

    private static List<String> properties(ConnectCluster.Settings settings, String group, int restPort) {
        short rf = settings.replicationFactor();
        return List.of(
            "bootstrap.servers=" + settings.bootstrapServers(),
            "group.id=" + group,
            "config.storage.topic=" + group + "-configs",
            "offset.storage.topic=" + group + "-offsets",
            "status.storage.topic=" + group + "-status",
            "config.storage.replication.factor=" + rf,
            "offset.storage.replication.factor=" + rf,
            "status.storage.replication.factor=" + rf,
            "offset.storage.partitions=3",
            "status.storage.partitions=1",
            "key.converter=org.apache.kafka.connect.storage.StringConverter",
            "value.converter=org.apache.kafka.connect.storage.StringConverter",
            "listeners=http://127.0.0.1:" + restPort,
            "rest.advertised.host.name=127.0.0.1",
            "rest.advertised.port=" + restPort,
            "offset.flush.interval.ms=1000",
            "scheduled.rebalance.max.delay.ms=" + settings.rebalanceDelay().toMillis(),
            "task.shutdown.graceful.timeout.ms=2000");
    }

    private static List<String> command(Path argFile, Path properties) {
        return List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=" + ZooKeeperConfigs.LOG_TIME_FORMAT,
            "@" + argFile,
            MAIN_CLASS,
            properties.toString());
    }
}
