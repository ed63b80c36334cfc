package dev.revive.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo's command line: {@code [--kill leader|follower] [--keep-running] [--out DIR]}.
 *
 * @param killLeader  kill the leader instead of a follower
 * @param keepRunning leave everything running after the first recovery
 * @param outDir      where the report JSON goes
 * @param repoRoot    the Revive checkout whose packaged services are started
 */
public record DemoOptions(boolean killLeader, boolean keepRunning, Path outDir, Path repoRoot) {

    /** Parses the arguments; unknown ones are an error that prints the usage. */
    public static DemoOptions parse(String[] args) {
        boolean killLeader = false;
        boolean keepRunning = false;
        Path outDir = Path.of("revive-demo-out");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kill" -> killLeader = "leader".equals(value(args, ++i));
                case "--keep-running" -> keepRunning = true;
                case "--out" -> outDir = Path.of(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "\nusage: revive-demo [--kill leader|follower] [--keep-running] [--out DIR]");
            }
        }
        return new DemoOptions(killLeader, keepRunning, outDir.toAbsolutePath(), locateRepoRoot());
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
