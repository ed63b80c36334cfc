package dev.revive.testkit;

import java.util.List;

/**
 * Runs an {@link EtcdCluster} as a standalone process for the demo and end-to-end tests.
 *
 * <p>Arguments: the member count (default 3) and the optional flag {@code --ignore-stdin}. Once
 * the cluster is healthy it prints {@code endpoints=<url>,<url>,...}, {@code dir=<directory>} and
 * one {@code member=<name> <clientUrl> <dataDir>} line per member, then runs until SIGTERM, or
 * until stdin reaches end-of-file unless {@code --ignore-stdin} is given. Every member process
 * and the directory are removed on exit.
 */
public final class EtcdClusterMain {

    private EtcdClusterMain() {
    }

    /** Starts the cluster, prints its endpoints and waits. */
    public static void main(String[] args) throws InterruptedException {
        List<String> arguments = List.of(args);
        int size = arguments.stream().filter(arg -> !arg.startsWith("--")).findFirst()
            .map(Integer::parseInt).orElse(3);
        EtcdCluster cluster = EtcdCluster.start(size);
        System.out.println("endpoints=" + String.join(",", cluster.endpoints()));
        System.out.println("dir=" + cluster.directory());
        cluster.members().forEach(member ->
            System.out.println("member=" + member.name() + " " + member.clientUrl() + " " + member.dataDir()));
        System.out.flush();
        MainSupport.awaitTermination(MainSupport.watchesStdin(arguments));
    }
}
