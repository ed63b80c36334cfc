package dev.revive.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real HAProxy (Debian package {@code haproxy}, {@code /usr/sbin/haproxy}, checked with 2.6) as a child process in
 * the foreground ({@code -db}, no master-worker): one TCP frontend on a free loopback port in front of one
 * {@link HAProxyBackend}, and its runtime API on a unix socket in its temp directory ({@code stats socket
 * <dir>/admin.sock mode 600 level admin}) — the path a load balancer spec's {@code runtimeApi} names — and the same
 * API on a free loopback TCP port ({@link #runtimeApiTcp()}).
 *
 * <p>HAProxy starts every server UP and takes one down only after {@code fall} (2) failed checks, so a test awaits
 * the {@link #serverState} it needs (e.g. the Redis replicas DOWN) before it routes through the frontend.
 *
 * <p>{@link #close()} (and, as a safety net, a JVM shutdown hook) kills every process whose arguments mention the
 * directory and deletes it. {@link #serverState} reads {@code show stat} itself, so that tests check Revive's
 * runtime API adapter against HAProxy's own view and not against the adapter.
 */
public final class HAProxy implements AutoCloseable {

    /** The HAProxy binary. */
    public static final Path BINARY = Path.of("/usr/sbin/haproxy");
    /** How long {@link #start} waits for the runtime API to answer. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private static final Logger LOG = LoggerFactory.getLogger(HAProxy.class);
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_ANSWER = 1 << 20;

    private final Path directory;
    private final HAProxyBackend backend;
    private final int frontendPort;
    private final int runtimeApiPort;
    private final Thread shutdownHook;
    private volatile Process process;
    private volatile boolean closed;

    private HAProxy(Path directory, HAProxyBackend backend, int[] ports) {
        this.directory = directory;
        this.backend = backend;
        this.frontendPort = ports[0];
        this.runtimeApiPort = ports[1];
        this.shutdownHook = new Thread(this::destroy, "haproxy-cleanup");
    }

    /**
     * Writes the config for {@code backend}, starts HAProxy and waits until its runtime API answers.
     *
     * @throws IllegalStateException when HAProxy is not installed, exits, or does not answer within
     *                               {@link #START_TIMEOUT}; nothing is left behind then
     */
    public static HAProxy start(HAProxyBackend backend) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is not installed (Debian package haproxy)");
        }
        HAProxy haproxy = new HAProxy(TempDirs.create("revive-haproxy-"), backend, FreePorts.allocate(2));
        Runtime.getRuntime().addShutdownHook(haproxy.shutdownHook);
        try {
            long startNanos = System.nanoTime();
            TempDirs.writeLines(haproxy.configFile(), haproxy.config());
            haproxy.launch();
            haproxy.awaitAnswering();
            LOG.info("HAProxy answering in {} ms: frontend 127.0.0.1:{}, backend {} {}, runtime API {}",
                Duration.ofNanos(System.nanoTime() - startNanos).toMillis(), haproxy.frontendPort, backend.name(),
                backend.servers(), haproxy.socketPath());
            return haproxy;
        } catch (RuntimeException e) {
            haproxy.close();
            throw e;
        }
    }

    /** The frontend's port on 127.0.0.1: connections there go to a server of the backend. */
    public int frontendPort() {
        return frontendPort;
    }

    /** The runtime API's unix socket, an absolute path: a load balancer spec's {@code runtimeApi}. */
    public Path socketPath() {
        return directory.resolve("admin.sock");
    }

    /** The same runtime API on TCP, {@code tcp://127.0.0.1:<port>}: the other form of a spec's {@code runtimeApi}. */
    public String runtimeApiTcp() {
        return "tcp://127.0.0.1:" + runtimeApiPort;
    }

    /** The backend. */
    public HAProxyBackend backend() {
        return backend;
    }

    /** The directory holding the config, the socket and the log. */
    public Path directory() {
        return directory;
    }

    /** The config file HAProxy runs with. */
    public Path configFile() {
        return directory.resolve("haproxy.cfg");
    }

    /** HAProxy's stdout and stderr (server state changes are logged there). */
    public Path logFile() {
        return directory.resolve("haproxy.log");
    }

    /** The pid of the running HAProxy. */
    public long pid() {
        return process.pid();
    }

    /**
     * The server's status as HAProxy's {@code show stat} has it: {@code MAINT} (maintenance), {@code UP},
     * {@code DOWN}, or a transition such as {@code UP 1/2}; {@code MAINT} when it is in maintenance whatever its
     * checks say.
     *
     * @throws IllegalArgumentException when the backend has no such server
     */
    public String serverState(String server) {
        List<String> lines = List.of(ask("show stat").split("\n"));
        if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
            throw new IllegalStateException("unexpected answer to show stat: " + lines);
        }
        List<String> header = Arrays.asList(lines.get(0).substring(2).split(",", -1));
        int proxy = header.indexOf("pxname");
        int name = header.indexOf("svname");
        int status = header.indexOf("status");
        return lines.stream().skip(1).map(line -> line.split(",", -1))
            .filter(fields -> fields.length > status && fields[proxy].equals(backend.name())
                && fields[name].equals(server))
            .map(fields -> fields[status]).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("backend " + backend.name() + " has no server " + server));
    }

    /** Kills HAProxy with SIGKILL and waits for it; its directory, config and stale socket file stay. */
    public void kill() {
        ProcessSweep.killAndWait(processes(), EXIT_TIMEOUT);
        LOG.info("HAProxy killed (SIGKILL)");
    }

    /** Sends a signal ({@code STOP}, {@code CONT}) to HAProxy: a stopped HAProxy accepts but never answers. */
    public void signal(String signal) {
        if (!Signals.send(pid(), signal)) {
            throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
        }
    }

    /** Kills HAProxy and deletes its directory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            destroy();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: nothing to remove
            }
        }
    }

    @Override
    public String toString() {
        return "HAProxy[127.0.0.1:" + frontendPort + " " + backend.name() + " " + socketPath() + "]";
    }

    private List<String> config() {
        List<String> lines = new ArrayList<>(List.of(
            "global",
            "    stats socket " + socketPath() + " mode 600 level admin",
            "    stats socket ipv4@127.0.0.1:" + runtimeApiPort + " level admin",
            "    stats timeout 10s",
            "defaults",
            "    mode tcp",
            "    timeout connect 1s",
            "    timeout client 60s",
            "    timeout server 60s",
            "frontend fe",
            "    bind 127.0.0.1:" + frontendPort,
            "    default_backend " + backend.name()));
        lines.addAll(backend.configLines());
        return lines;
    }

    private void launch() {
        ProcessBuilder builder = new ProcessBuilder(BINARY.toString(), "-db", "-f", configFile().toString())
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(logFile().toFile()));
        try {
            Process started = builder.start();
            started.getOutputStream().close();
            process = started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + BINARY, e);
        }
    }

    private void awaitAnswering() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("HAProxy exited with " + process.exitValue() + ": " + log());
            }
            if (Files.exists(socketPath()) && tryAsk("show info").isPresent()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("HAProxy's runtime API did not answer within " + START_TIMEOUT
                    + ": " + log());
            }
            Interrupts.pause(POLL_INTERVAL);
        }
    }

    private Optional<String> tryAsk(String command) {
        try {
            return Optional.of(ask(command));
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** One command on its own connection; the answer is everything until HAProxy closes it, within ASK_TIMEOUT. */
    private String ask(String command) {
        long deadline = System.nanoTime() + ASK_TIMEOUT.toNanos();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socketPath()));
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            ByteBuffer buffer = ByteBuffer.allocate(MAX_ANSWER);
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new UncheckedIOException(new IOException("no answer to '" + command + "' within "
                        + ASK_TIMEOUT));
                }
                selector.select(left);
                selector.selectedKeys().clear();
                if (channel.read(buffer) < 0) {
                    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("HAProxy runtime API " + socketPath() + ": " + e.getMessage(), e);
        }
    }

    private List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>(ProcessSweep.withArgumentContaining(directory + File.separator));
        Process own = process;
        if (own != null && own.isAlive() && all.stream().noneMatch(handle -> handle.pid() == own.pid())) {
            all.add(own.toHandle());
        }
        return all;
    }

    private synchronized void destroy() {
        ProcessSweep.killAndWait(processes(), EXIT_TIMEOUT);
        TempDirs.deleteRecursively(directory);
    }

    private String log() {
        try {
            return Files.readString(logFile());
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
