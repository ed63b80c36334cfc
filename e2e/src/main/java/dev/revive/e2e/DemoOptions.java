package dev.revive.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The demo's command line: {@code [--target etcd|kafka|collector|redis]
 * [--scenario member-kill|rolling|replace|cluster-crash] [--kill leader|follower] [--keep-running] [--out DIR]}.
 *
 * @param target      what is broken: an etcd member (default), a broker of a target Kafka cluster, a Kafka Connect
 *                    worker of a collector, or a node of a Redis primary with replicas behind HAProxy
 * @param scenario    which etcd runbook scenario runs (etcd target only; default {@link Scenario#MEMBER_KILL})
 * @param killLeader  kill the leader (Kafka: the active controller; Redis: the primary) instead of a follower
 * @param keepRunning leave everything running after the first recovery
 * @param outDir      where the report JSON goes
 * @param repoRoot    the Revive checkout whose packaged services are started
 */
public record DemoOptions(Target target, Scenario scenario, boolean killLeader, boolean keepRunning, Path outDir, Path repoRoot) {

    /** What the demo breaks. */
    public enum Target {
        ETCD, KAFKA, COLLECTOR, REDIS;

        static Target parse(String value) {
            return switch (value) {
                case "etcd" -> ETCD;
                case "kafka" -> KAFKA;
                case "collector" -> COLLECTOR;
                case "redis" -> REDIS;
                default -> throw new IllegalArgumentException("--target must be etcd, kafka, collector or redis, not "
                        + value + "\n" + USAGE);
            };
        }
    }

    /** What the demo does to the etcd target. */
    public enum Scenario {
        MEMBER_KILL("member-kill"),
        ROLLING("rolling"),
        REPLACE("replace"),
        CLUSTER_CRASH("cluster-crash"),
        ROLLBACK("rollback");

        private final String option;

        Scenario(String option) {
            this.option = option;
        }

        /** The value on the command line. */
        public String option() {
            return option;
        }

        static Scenario parse(String value) {
            for (Scenario scenario : values()) {
                if (scenario.option.equals(value)) {
                    return scenario;
                }
            }
            throw new IllegalArgumentException("--scenario must be member-kill, rolling, replace, cluster-crash or "
                    + "rollback, not " + value + "\n" + USAGE);
        }
    }

    private static final String USAGE = "usage: revive-demo [--target etcd|kafka|collector|redis] "
            + "[--scenario member-kill|rolling|replace|cluster-crash|rollback] [--kill leader|follower] "
            + "[--keep-running] [--out DIR]";

    /**
     * Parses the arguments; unknown ones are an error that prints the usage, and so is a {@code --scenario} for a
     * target other than etcd or a {@code --kill} for a scenario other than member-kill.
     */
    public static DemoOptions parse(String[] args) {
        Target target = Target.ETCD;
        Scenario scenario = null;
        boolean killLeader = false;
        boolean killGiven = false;
        boolean keepRunning = false;
        Path outDir = Path.of("revive-demo-out");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--target" -> target = Target.parse(value(args, ++i));
                case "--scenario" -> scenario = Scenario.parse(value(args, ++i));
                case "--kill" -> {
                    killLeader = "leader".equals(value(args, ++i));
                    killGiven = true;
                }
                case "--keep-running" -> keepRunning = true;
                case "--out" -> outDir = Path.of(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
        }
        if (scenario != null && target != Target.ETCD) {
            throw new IllegalArgumentException("--scenario " + scenario.option()
                    + " is for the etcd target only, not --target " + target.name().toLowerCase(Locale.ROOT) + "\n"
                    + USAGE);
        }
        if (scenario == null) {
            scenario = Scenario.MEMBER_KILL;
        }
        if (killGiven && scenario != Scenario.MEMBER_KILL) {
            throw new IllegalArgumentException("--kill goes with the member-kill scenario, not --scenario "
                    + scenario.option() + "\n" + USAGE);
        }
        return new DemoOptions(target, scenario, killLeader, keepRunning, outDir.toAbsolutePath(), locateRepoRoot());
    }

    /** The checkout: {@code -Drevive.root}, else the nearest directory upwards with an {@code e2e} module. */
    static Path locateRepoRoot() {
        String configured = System.getProperty("revive.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("e2e/pom.xml")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the Revive checkout; run from it or pass -Drevive.root=DIR");
    }

    private static String value(String[] args, int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException(args[index - 1] + " needs a value");
        }
        return args[index];
    }
}
