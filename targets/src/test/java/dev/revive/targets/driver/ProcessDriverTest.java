package dev.revive.targets.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.targets.TargetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process driver on real processes ({@code /bin/sleep}, {@code /bin/sh}). */
class ProcessDriverTest {

    private final ProcessDriver driver = new ProcessDriver(Duration.ofSeconds(10), Duration.ofSeconds(5));
    private final List<NodeSpec> started = new ArrayList<>();
    private final List<Process> unrelated = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void killEverything() {
        started.forEach(driver::forceKill);
        unrelated.forEach(Process::destroyForcibly);
    }

    @Test
    void startWritesPidFileAndLogs() throws IOException {
        NodeSpec node = node(shell("echo revive-out; echo revive-err >&2; while :; do sleep 0.1; done"));

        long pid = start(node);

        assertThat(Files.readString(pidFile(node)).trim()).isEqualTo(Long.toString(pid));
        assertThat(driver.inspect(node)).isEqualTo(NodeProcess.running("n1", pid, NodeProcess.FoundBy.PID_FILE));
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(Files.readString(logFile(node))).contains("revive-out", "revive-err"));
    }

    @Test
    void stopEscalatesNothingWhenProcessExitsOnTerm() {
        NodeSpec node = node(shell("trap 'echo got-term; exit 0' TERM; while :; do sleep 0.1; done"));
        start(node);

        boolean stopped = driver.stop(node, Duration.ofSeconds(5));

        assertThat(stopped).isTrue();
        assertThat(driver.inspect(node).running()).isFalse();
        assertThat(pidFile(node)).doesNotExist();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(Files.readString(logFile(node))).contains("got-term"));
    }

    @Test
    void forceKillsAHungProcess() {
        NodeSpec node = node(shell("trap '' TERM; while :; do sleep 0.1; done"));
        long pid = start(node);

        boolean stopped = driver.stop(node, Duration.ofMillis(300));
        assertThat(stopped).isFalse();
        assertThat(ProcessHandle.of(pid)).hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());

        boolean killed = driver.forceKill(node);

        assertThat(killed).isTrue();
        assertThat(driver.inspect(node).running()).isFalse();
    }

    @Test
    void neverSignalsARecycledPid() throws IOException {
        Process stranger = unrelatedProcess();
        NodeSpec node = node(sleep());
        Files.writeString(pidFile(node), stranger.pid() + "\n");

        NodeProcess seen = driver.inspect(node);
        boolean stopped = driver.stop(node, Duration.ofMillis(200));
        boolean killed = driver.forceKill(node);

        assertThat(seen.running()).isFalse();
        assertThat(stopped).isTrue();
        assertThat(killed).isTrue();
        assertThat(stranger.isAlive()).isTrue();
    }

    @Test
    void cleanTempNeverTouchesDataDir() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data/member"));
        Files.writeString(data.resolve("wal"), "precious");
        Path temp = Files.createDirectories(dir.resolve("tmp"));
        Files.createDirectories(temp.resolve("sub/deeper"));
        Files.writeString(temp.resolve("sub/deeper/file"), "junk");
        Files.writeString(temp.resolve("file"), "junk");
        Files.createSymbolicLink(temp.resolve("link-to-data"), dir.resolve("data"));
        Files.createSymbolicLink(temp.resolve("link-to-wal"), data.resolve("wal"));
        NodeSpec node = node(sleep(), List.of(temp.toString()));

        int removed = driver.cleanTemp(node);

        assertThat(removed).isEqualTo(4);
        assertThat(temp).isEmptyDirectory();
        assertThat(data.resolve("wal")).hasContent("precious");
        assertThat(driver.cleanTemp(node)).isZero();
    }

    @Test
    void describingStartAndCleanTempTouchesNothing() throws IOException {
        Path temp = Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(temp.resolve("b.lock"), "junk");
        Files.writeString(temp.resolve("a.tmp"), "junk");
        List<String> command = sleep();
        NodeSpec node = node(command, List.of(temp.toString()));

        String start = driver.describeStart(node);
        List<Path> entries = driver.tempEntries(node);

        assertThat(start).contains("argv [", String.join(", ", command) + "] in dir " + dir,
                "output appended to " + logFile(node));
        assertThat(entries).containsExactly(temp.resolve("a.tmp"), temp.resolve("b.lock"));
        assertThat(temp.resolve("a.tmp")).exists();
        assertThat(driver.inspect(node).running()).isFalse();
        assertThat(pidFile(node)).doesNotExist();
    }

    @Test
    void cleanTempRefusesATempPathThatLinksToTheDataDir() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("wal"), "precious");
        Files.writeString(Files.createDirectories(data.resolve("scratch")).resolve("wal.tmp"), "precious too");
        Path temp = Files.createSymbolicLink(dir.resolve("tmp"), data);
        Path throughLink = Files.createSymbolicLink(dir.resolve("parent-link"), data).resolve("scratch");

        assertThatThrownBy(() -> driver.cleanTemp(node(sleep(), List.of(temp.toString()))))
                .isInstanceOf(TargetException.class).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> driver.cleanTemp(node(sleep(), List.of(throughLink.toString()))))
                .isInstanceOf(TargetException.class).hasMessageContaining("resolves to a path");
        assertThat(data.resolve("scratch/wal.tmp")).hasContent("precious too");
        assertThat(data.resolve("wal")).hasContent("precious");
    }

    @Test
    void startOfRunningNodeIsDetected() {
        NodeSpec node = node(sleep());
        long pid = start(node);

        assertThatThrownBy(() -> driver.start(node))
                .isInstanceOf(TargetException.class).hasMessageContaining("already runs as pid " + pid);
        assertThat(new ProcessFinder().find((ProcessControl) node.control())).hasSize(1);
    }

    @Test
    void findsANodeStartedBySomeoneElseByItsCommandLine() throws IOException {
        NodeSpec node = node(sleep());
        Process foreign = new ProcessBuilder(((ProcessControl) node.control()).command()).start();
        unrelated.add(foreign);

        NodeProcess seen = driver.inspect(node);
        boolean stopped = driver.stop(node, Duration.ofSeconds(5));

        assertThat(seen).isEqualTo(NodeProcess.running("n1", foreign.pid(), NodeProcess.FoundBy.COMMAND_LINE));
        assertThat(stopped).isTrue();
        assertThat(foreign.isAlive()).isFalse();
    }

    @Test
    void aNodeStartedWithOtherArgumentsIsFoundAndStoppedAndLaterStartsUseTheSpec() {
        NodeSpec node = node(sleep());
        List<String> other = sleep();

        long pid = driver.startWith(node, other);
        started.add(node);
        NodeProcess seen = driver.inspect(node);
        boolean stopped = driver.stop(node, Duration.ofSeconds(5));
        long again = start(node);

        assertThat(seen).isEqualTo(NodeProcess.running("n1", pid, NodeProcess.FoundBy.PID_FILE));
        assertThat(stopped).isTrue();
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(dir.resolve("n1.pid.argv")).doesNotExist();
        assertThat(ProcessHandle.of(again).orElseThrow().info().arguments().orElseThrow())
                .containsExactly(((ProcessControl) node.control()).command().get(1));
    }

    @Test
    void startWithAnotherExecutableIsRefused() {
        NodeSpec node = node(sleep());

        assertThatThrownBy(() -> driver.startWith(node, List.of("/bin/sh", "-c", "sleep 300")))
                .isInstanceOf(TargetException.class).hasMessageContaining("only be started with its own executable");
        assertThat(driver.inspect(node).running()).isFalse();
    }

    private long start(NodeSpec node) {
        long pid = driver.start(node);
        started.add(node);
        return pid;
    }

    private Process unrelatedProcess() throws IOException {
        Process process = new ProcessBuilder(sleep()).start();
        unrelated.add(process);
        return process;
    }

    private NodeSpec node(List<String> command) {
        return node(command, List.of());
    }

    private NodeSpec node(List<String> command, List<String> tempPaths) {
        ProcessControl control = new ProcessControl(command, null, Map.of(), dir.resolve("n1.pid").toString(),
                dir.resolve("n1.log").toString(), null);
        return new NodeSpec("n1", NodeRole.MEMBER, new Endpoints("http://127.0.0.1:1", null), control,
                dir.resolve("data").toString(), List.of(), tempPaths);
    }

    /** A sleep whose argument list is unique to this test, so no other process matches it. */
    private static List<String> sleep() {
        return List.of("/bin/sleep", "300." + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000));
    }

    private static List<String> shell(String script) {
        return List.of("/bin/sh", "-c", ": " + UUID.randomUUID() + "; " + script);
    }

    private static Path pidFile(NodeSpec node) {
        return Path.of(((ProcessControl) node.control()).pidFile());
    }

    private static Path logFile(NodeSpec node) {
        return Path.of(((ProcessControl) node.control()).logFile());
    }
}
