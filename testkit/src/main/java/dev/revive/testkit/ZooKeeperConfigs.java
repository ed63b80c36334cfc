package dev.revive.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes each server's data dir, {@code myid} and config file, and builds the argument list that starts it. */
final class ZooKeeperConfigs {

    /** SLF4J simple's time format: ISO-8601 with milliseconds and offset, no spaces in the argument. */
    static final String LOG_TIME_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";

    private ZooKeeperConfigs() {
    }

    static List<ZooKeeperNode> nodes(String classPath, Path directory, int size) {
        int[] ports = FreePorts.allocate(3 * size);
        List<String> servers = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            servers.add("server." + (i + 1) + "=127.0.0.1:" + ports[3 * i + 1] + ":" + ports[3 * i + 2]);
        }
        List<ZooKeeperNode> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int myid = i + 1;
            Path home = directory.resolve("z" + myid);
            Path dataDir = home.resolve("data");
            Path config = home.resolve("zoo.cfg");
            TempDirs.writeLines(dataDir.resolve("myid"), List.of(Integer.toString(myid)));
            TempDirs.writeLines(config, config(dataDir, ports[3 * i], servers));
            nodes.add(new ZooKeeperNode(myid, ports[3 * i], dataDir, config, home.resolve("z" + myid + ".log"),
                command(classPath, config)));
        }
        return nodes;
    }

    private static List<String> config(Path dataDir, int clientPort, List<String> servers) {
        List<String> lines = new ArrayList<>(List.of(
            "tickTime=" + ZooKeeperEnsemble.TICK_MS,
            "initLimit=50",
            "syncLimit=20",
            "dataDir=" + dataDir,
            "clientPort=" + clientPort,
            "clientPortAddress=127.0.0.1",
            "admin.enableServer=false",
            "4lw.commands.whitelist=*",
            "autopurge.purgeInterval=0"));
        lines.addAll(servers);
        return lines;
    }

    private static List<String> command(String classPath, Path config) {
        return List.of(
            ZooKeeperInstall.java().toString(),
            "-Xmx128m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=" + LOG_TIME_FORMAT,
            "-cp", classPath,
            ZooKeeperInstall.SERVER_MAIN,
            config.toString());
    }
}
