package dev.revive.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Locates the ZooKeeper server of the Debian package {@code zookeeper} (jars under {@code /usr/share/java}; the
 * jar's manifest names its dependencies) and the JVM that runs it.
 */
final class ZooKeeperInstall {

    static final String INSTALL_HINT = "install it with scripts/ensure-zookeeper "
        + "(apt-get update && apt-get install -y zookeeper)";
    static final Path JARS = Path.of("/usr/share/java");
    static final String SERVER_MAIN = "org.apache.zookeeper.server.quorum.QuorumPeerMain";
    static final String CLIENT_MAIN = "org.apache.zookeeper.ZooKeeperMain";

    private ZooKeeperInstall() {
    }

    /** The server class path: ZooKeeper and a simple SLF4J binding that logs to stderr. */
    static String classPath(String binding) {
        List<Path> jars = List.of(JARS.resolve("zookeeper.jar"), JARS.resolve(binding));
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " not found: ZooKeeper is not installed; " + INSTALL_HINT);
            }
        }
        return String.join(File.pathSeparator, jars.stream().map(Path::toString).toList());
    }

    /** The {@code java} executable of the running JVM, as an absolute path. */
    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
