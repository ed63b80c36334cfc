package dev.revive.targets.driver;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Frame;
import dev.revive.contracts.cluster.DockerControl;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Controls nodes that are existing Docker containers ({@link DockerControl}) through the Docker Engine API (docker, or
 * podman's API service): inspect, stop (the engine's SIGTERM, then SIGKILL after the grace), kill, start and the
 * container's log. It never creates, removes or changes a container, and every call is bounded ({@link DockerClients}).
 * The pid it reports is the container's main process on the engine's host.
 */
public final class DockerDriver implements NodeDriver, AutoCloseable {

    /** The bound of each connect to the engine. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** The bound of each answer of the engine (a stop may take its grace period longer). */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(15);
    /** How long {@link #forceKill} waits for a killed container to be down. */
    public static final Duration DEFAULT_KILL_WAIT = Duration.ofSeconds(10);
    /** How long a started container must keep running for {@link #start} to succeed. */
    public static final Duration DEFAULT_START_CHECK = Duration.ofSeconds(1);
    /** How many lines of its log a failed start quotes. */
    static final int FAILURE_LOG_LINES = 20;

    private static final Logger LOG = Logger.getLogger(DockerDriver.class);
    private static final long POLL_MILLIS = 50;

    private final DockerClients clients;
    private final Duration killWait;
    private final Duration startCheck;

    public DockerDriver() {
        this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_CALL_TIMEOUT, DEFAULT_KILL_WAIT, DEFAULT_START_CHECK);
    }

    /**
     * @param connectTimeout the bound of each connect to the engine
     * @param callTimeout    the bound of each answer of the engine
     * @param killWait       how long a force kill waits for the container to be down
     * @param startCheck     how long a started container must keep running
     */
    public DockerDriver(Duration connectTimeout, Duration callTimeout, Duration killWait, Duration startCheck) {
        this.clients = new DockerClients(connectTimeout, callTimeout, System.getenv());
        this.killWait = killWait;
        this.startCheck = startCheck;
    }

    @Override
    public boolean supports(NodeSpec node) {
        return node.control() instanceof DockerControl;
    }

    @Override
    public NodeProcess inspect(NodeSpec node) {
        ContainerState state = state(node);
        return running(state) ? NodeProcess.running(node.id(), pid(state), NodeProcess.FoundBy.ENGINE)
                : NodeProcess.notRunning(node.id());
    }

    /**
     * The engine's stop: the container's stop signal (SIGTERM unless its image says otherwise), SIGKILL once
     * {@code grace}, rounded up to whole seconds, is over; then waits until the engine reports it down.
     */
    @Override
    public boolean stop(NodeSpec node, Duration grace) {
        DockerControl control = control(node);
        if (!running(state(node))) {
            return true;
        }
        int seconds = (int) Math.max(1, (grace.toMillis() + 999) / 1000);
        LOG.infof("node %s: stopping container %s (SIGTERM, SIGKILL after %d s)", node.id(), control.container(),
                seconds);
        call(node, "stop", () -> {
            try {
                clients.client(control, Duration.ofSeconds(seconds)).stopContainerCmd(control.container())
                        .withTimeout(seconds).exec();
            } catch (NotModifiedException e) {
                LOG.debugf("node %s: container %s was already stopped", node.id(), control.container());
            }
            return null;
        });
        return awaitDown(node, clients.callTimeout());
    }

    @Override
    public boolean forceKill(NodeSpec node) {
        DockerControl control = control(node);
        LOG.infof("node %s: killing container %s (SIGKILL)", node.id(), control.container());
        try {
            clients.client(control).killContainerCmd(control.container()).exec();
        } catch (DockerException e) {
            if (running(state(node))) {
                throw DockerFailures.classify(what(node, "kill"), endpoint(node), e);
            }
        } catch (RuntimeException e) {
            throw DockerFailures.classify(what(node, "kill"), endpoint(node), e);
        }
        return awaitDown(node, killWait);
    }

    /** Starts the existing container, and fails when it does not keep running for the start check. */
    @Override
    public long start(NodeSpec node) {
        DockerControl control = control(node);
        NodeProcess current = inspect(node);
        if (current.running()) {
            throw alreadyRuns(node, current.pid());
        }
        try {
            clients.client(control).startContainerCmd(control.container()).exec();
        } catch (NotModifiedException e) {
            throw alreadyRuns(node, inspect(node).pid());
        } catch (RuntimeException e) {
            throw DockerFailures.classify(what(node, "start"), endpoint(node), e);
        }
        long pid = awaitStaysUp(node, control);
        LOG.infof("node %s: container %s started, pid %d", node.id(), control.container(), pid);
        return pid;
    }

    @Override
    public long startWith(NodeSpec node, List<String> command) {
        throw new TargetException(Kind.LOCAL, "node " + node.id() + " is container " + control(node).container()
                + ", whose command was fixed when it was created; the docker driver only starts it as it is, "
                + "not with other arguments " + command);
    }

    @Override
    public String describeStart(NodeSpec node, List<String> command) {
        return "(cannot start container " + control(node).container() + " of " + node.id()
                + " with other arguments: " + command + ")";
    }

    @Override
    public String describeStart(NodeSpec node) {
        DockerControl control = control(node);
        return "start container " + control.container() + " on " + clients.endpoint(control);
    }

    /** The last lines of the container's stdout and stderr, as the engine keeps them. */
    @Override
    public List<String> logTail(NodeSpec node, int lines) {
        DockerControl control = control(node);
        if (lines <= 0) {
            return List.of();
        }
        String what = what(node, "read the log of");
        Output output = call(node, "read the log of", () -> clients.client(control)
                .logContainerCmd(control.container()).withStdOut(true).withStdErr(true).withTail(lines)
                .exec(new Output()));
        try {
            if (!output.awaitCompletion(clients.callTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TargetException(Kind.TIMEOUT, what + ": not complete within " + clients.callTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException(Kind.LOCAL, what + ": interrupted", e);
        } finally {
            output.closeQuietly();
        }
        if (output.failure != null) {
            throw DockerFailures.classify(what, endpoint(node), output.failure);
        }
        return LogTail.of(output.text(), lines);
    }

    /** No temp paths: nothing to do. Temp paths of a container are inside it, where the executor cannot reach. */
    @Override
    public int cleanTemp(NodeSpec node) {
        refuseTempPaths(node);
        return 0;
    }

    @Override
    public List<Path> tempEntries(NodeSpec node) {
        refuseTempPaths(node);
        return List.of();
    }

    @Override
    public void close() {
        clients.close();
    }

    private void refuseTempPaths(NodeSpec node) {
        if (!node.tempPaths().isEmpty()) {
            throw new TargetException(Kind.LOCAL, "node " + node.id() + " is container " + control(node).container()
                    + ": its temp paths " + node.tempPaths() + " are inside the container, which the executor cannot "
                    + "reach; the docker driver cleans no temp paths");
        }
    }

    private ContainerState state(NodeSpec node) {
        DockerControl control = control(node);
        return call(node, "inspect", () -> clients.client(control).inspectContainerCmd(control.container())
                .exec().getState());
    }

    private <T> T call(NodeSpec node, String verb, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw DockerFailures.classify(what(node, verb), endpoint(node), e);
        }
    }

    private boolean awaitDown(NodeSpec node, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (running(state(node))) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause();
        }
        return true;
    }

    /** Polls until the container ran for the start check; fails with its exit code and log when it stopped. */
    private long awaitStaysUp(NodeSpec node, DockerControl control) {
        long deadline = System.nanoTime() + startCheck.toNanos();
        while (true) {
            ContainerState state = state(node);
            if (!running(state)) {
                throw new TargetException(Kind.LOCAL, "node " + node.id() + ": container " + control.container()
                        + " exited with code " + state.getExitCodeLong() + " right after start; its last log lines:\n"
                        + String.join("\n", logTail(node, FAILURE_LOG_LINES)));
            }
            if (System.nanoTime() > deadline) {
                return pid(state);
            }
            pause();
        }
    }

    private TargetException alreadyRuns(NodeSpec node, long pid) {
        return new TargetException(Kind.LOCAL, "node " + node.id() + ": container " + control(node).container()
                + " already runs as pid " + pid + "; not starting it again");
    }

    private String endpoint(NodeSpec node) {
        return clients.endpoint(control(node));
    }

    private String what(NodeSpec node, String verb) {
        DockerControl control = control(node);
        return verb + " container " + control.container() + " of node " + node.id() + " on "
                + clients.endpoint(control);
    }

    private static boolean running(ContainerState state) {
        return state != null && Boolean.TRUE.equals(state.getRunning());
    }

    private static long pid(ContainerState state) {
        Long pid = state.getPidLong();
        return pid == null || pid <= 0 ? -1 : pid;
    }

    private static DockerControl control(NodeSpec node) {
        if (node.control() instanceof DockerControl control) {
            return control;
        }
        throw new TargetException(Kind.LOCAL, "node " + node.id() + " is not controlled as a docker container but by "
                + node.control().getClass().getSimpleName());
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException(Kind.LOCAL, "interrupted while waiting for a container", e);
        }
    }

    /** The frames of a log, stdout and stderr in the order the engine sends them, at most {@link LogTail#MAX_BYTES}. */
    private static final class Output extends ResultCallback.Adapter<Frame> {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile RuntimeException failure;

        @Override
        public void onNext(Frame frame) {
            synchronized (bytes) {
                byte[] payload = frame.getPayload();
                if (payload != null && bytes.size() + payload.length <= LogTail.MAX_BYTES) {
                    bytes.writeBytes(payload);
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            failure = throwable instanceof RuntimeException runtime ? runtime : new RuntimeException(throwable);
            super.onError(throwable);
        }

        void closeQuietly() {
            try {
                close();
            } catch (IOException e) {
                LOG.debugf("closing a log stream: %s", e);
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
