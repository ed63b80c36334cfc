package dev.revive.e2e;

import java.nio.file.Path;
import java.util.List;

/**
 * The recovery benchmark's command line: {@code [--cycles N] [--kind etcd|zookeeper|kafka|collector|redis[,...]|all] [--out FILE]}.
 *
 * @param cycles   kill/recover cycles per kind
 * @param kinds    the kinds to break, in order, as {@link BenchTarget#KINDS} names them
 * @param out      where the results are written
 * @param repoRoot the Revive checkout whose packaged services are started
 */
public record BenchmarkOptions(int cycles, List<String> kinds, Path out, Path repoRoot) {

    static final String USAGE =
            "usage: bench-recovery [--cycles N] [--kind etcd|zookeeper|kafka|collector|redis[,...]|all] [--out FILE]";

    public BenchmarkOptions {
        if (cycles < 1) {
            throw new IllegalArgumentException("--cycles must be at least 1, not " + cycles + "\n" + USAGE);
        }
        kinds = List.copyOf(kinds);
    }

    /** Parses the arguments; unknown ones are an error that prints the usage. */
    public static BenchmarkOptions parse(String[] args) {
        int cycles = 10;
        List<String> kinds = BenchTarget.KINDS;
        Path out = Path.of("revive-demo-out/recovery-benchmark.txt");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cycles" -> cycles = Integer.parseInt(value(args, ++i));
                case "--kind" -> kinds = kinds(value(args, ++i));
                case "--out" -> out = Path.of(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
        }
        return new BenchmarkOptions(cycles, kinds, out.toAbsolutePath(), DemoOptions.locateRepoRoot());
    }

    /** Whether the stack needs its data-collection system (a target Kafka cluster and a Connect cluster). */
    boolean needsCollection() {
        return kinds.contains(BenchTarget.KAFKA) || kinds.contains(BenchTarget.COLLECTOR);
    }

    /** Whether the stack needs its Redis target. */
    boolean needsRedis() {
        return kinds.contains(BenchTarget.REDIS);
    }

    /** Whether the stack needs its ZooKeeper ensemble. */
    boolean needsZooKeeper() {
        return kinds.contains(BenchTarget.ZOOKEEPER);
    }

    /** {@code all}, one kind, or several separated by commas ({@code kafka,collector}), in the order given. */
    private static List<String> kinds(String value) {
        if (value.equals("all")) {
            return BenchTarget.KINDS;
        }
        List<String> kinds = List.of(value.split(","));
        for (String kind : kinds) {
            if (!BenchTarget.KINDS.contains(kind)) {
                throw new IllegalArgumentException("unknown kind " + kind + "\n" + USAGE);
            }
        }
        return kinds;
    }

    private static String value(String[] args, int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException(args[index - 1] + " needs a value\n" + USAGE);
        }
        return args[index];
    }
}
