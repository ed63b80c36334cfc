package dev.revive.testkit.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.EtcdCommands;
import dev.revive.testkit.EtcdHttp;
import dev.revive.testkit.Interrupts;
import dev.revive.testkit.TempDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real etcd cluster of N members, each a container started through Testcontainers from the local image
 * {@link #IMAGE} (never pulled). Members run exactly the commands of the process fixture {@link EtcdCluster}
 * ({@link EtcdCommands}): host network, free loopback ports, fast raft timings, data dirs and log files below one
 * host temp directory bind-mounted at the same path.
 *
 * <p>The containers outlive their Testcontainers objects: a member killed here or by Revive's docker driver is
 * started again by name, with the same command and data dir. {@link #close()} (and, as a safety net, a JVM shutdown
 * hook) removes every container of the cluster itself, since the resource reaper cannot run where images cannot be
 * pulled, then deletes the directory.
 */
public final class EtcdContainerCluster implements AutoCloseable {

    /** The local image the members run: Debian bookworm with etcd 3.4 at {@link #ETCD} ({@code scripts/build-images base}). */
    public static final String IMAGE = "revive/base:bookworm";
    /** Every container of the kit's etcd clusters has a name that starts with this. */
    public static final String NAME_PREFIX = "revive-test-etcd-";
    /** How long {@link #start(int)} waits for every member to report healthy. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(EtcdContainerCluster.class);
    private static final Path ETCD = Path.of("/usr/bin/etcd");
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(15);

    private final String dockerEndpoint;
    private final DockerClient docker;
    private final Path directory;
    private final List<EtcdContainerMember> members;
    private final EtcdHttp http = new EtcdHttp();
    private final Thread shutdownHook = new Thread(this::removeEverything, "etcd-containers-cleanup");
    private volatile boolean closed;

    /**
     * What the engine says of a member's container now.
     *
     * @param running   whether it runs
     * @param startedAt when it was last started
     * @param pid       its main process on the engine's host, 0 when it does not run
     */
    public record ContainerState(boolean running, Instant startedAt, long pid) {
    }

    private EtcdContainerCluster(String dockerEndpoint, DockerClient docker, Path directory,
                                 List<EtcdContainerMember> members) {
        this.dockerEndpoint = dockerEndpoint;
        this.docker = docker;
        this.directory = directory;
        this.members = List.copyOf(members);
    }

    /**
     * Starts {@code size} member containers and waits until all are healthy.
     *
     * @throws IllegalStateException when no Docker Engine API answers ({@link DockerEngine#require()}), when
     *     {@link #IMAGE} is not there, or when the cluster does not become healthy within {@link #START_TIMEOUT};
     *     nothing is left behind in that case
     */
    public static EtcdContainerCluster start(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("an etcd cluster needs at least one member, got " + size);
        }
        String endpoint = DockerEngine.require();
        DockerClient docker = DockerClientFactory.instance().client();
        requireImage(docker);
        Path directory = TempDirs.create("revive-etcd-containers-");
        String prefix = NAME_PREFIX + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<EtcdContainerMember> members = EtcdCommands.members(ETCD, directory, size).stream()
            .map(member -> new EtcdContainerMember(prefix + member.name(), member)).toList();
        EtcdContainerCluster cluster = new EtcdContainerCluster(endpoint, docker, directory, members);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            long begin = System.nanoTime();
            members.forEach(cluster::create);
            cluster.awaitHealthy(START_TIMEOUT);
            LOG.info("etcd cluster of {} containers healthy in {} ms: {}", size,
                Duration.ofNanos(System.nanoTime() - begin).toMillis(), members);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The Docker Engine API the containers run on ({@code unix:///...}), as a spec's {@code DockerControl} names it. */
    public String dockerEndpoint() {
        return dockerEndpoint;
    }

    /** The host directory holding every member's data dir and log file, bind-mounted into each container. */
    public Path directory() {
        return directory;
    }

    /** All members, in order. */
    public List<EtcdContainerMember> members() {
        return members;
    }

    /** The member at {@code index} (0-based). */
    public EtcdContainerMember member(int index) {
        return members.get(index);
    }

    /** The client URLs of all members, in member order. */
    public List<String> endpoints() {
        return members.stream().map(EtcdContainerMember::clientUrl).toList();
    }

    /** Kills the member's container with SIGKILL, as {@code docker kill} does, and waits until it has stopped. */
    public void kill(EtcdContainerMember member) {
        requireMember(member);
        DockerCalls.run("kill " + member.container(),
            () -> docker.killContainerCmd(member.container()).withSignal("KILL").exec());
        await(EXIT_TIMEOUT, () -> isRunning(member) ? Optional.empty() : Optional.of(member),
            member + " still running after SIGKILL");
    }

    /**
     * Starts the member's stopped container again (same command, same data dir); returns once the engine started
     * it. Use {@link #awaitHealthy(Duration)} to wait for it to rejoin.
     */
    public void start(EtcdContainerMember member) {
        requireMember(member);
        DockerCalls.run("start " + member.container(), () -> docker.startContainerCmd(member.container()).exec());
    }

    /** The state of the member's container, or empty when there is no such container (any more). */
    public Optional<ContainerState> state(EtcdContainerMember member) {
        try {
            InspectContainerResponse.ContainerState state = DockerCalls.bounded("inspect " + member.container(),
                () -> docker.inspectContainerCmd(member.container()).exec()).getState();
            return Optional.of(new ContainerState(Boolean.TRUE.equals(state.getRunning()),
                OffsetDateTime.parse(state.getStartedAt()).toInstant(),
                state.getPidLong() == null ? 0 : state.getPidLong()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Whether the member's container runs now. */
    public boolean isRunning(EtcdContainerMember member) {
        return state(member).map(ContainerState::running).orElse(false);
    }

    /** Whether the member answers {@code /health} with {@code true} now. */
    public boolean isHealthy(EtcdContainerMember member) {
        return http.isHealthy(member.clientUrl());
    }

    /**
     * Waits until every member answers {@code /health} with {@code true}.
     *
     * @throws IllegalStateException at the deadline, naming the unhealthy members and their log files
     */
    public void awaitHealthy(Duration timeout) {
        await(timeout, () -> {
            List<EtcdContainerMember> unhealthy = members.stream().filter(member -> !isHealthy(member)).toList();
            return unhealthy.isEmpty() ? Optional.of(members) : Optional.empty();
        }, "etcd containers not healthy: " + members + ", logs in " + directory);
    }

    /** Waits for a leader for at most {@link EtcdCluster#LEADER_TIMEOUT}. */
    public EtcdContainerMember leader() {
        return await(EtcdCluster.LEADER_TIMEOUT, this::findLeader, "no etcd leader among " + members);
    }

    /** The member that reports itself as leader right now, if any (one status call per member). */
    public Optional<EtcdContainerMember> findLeader() {
        return members.stream()
            .filter(member -> http.status(member.clientUrl()).map(EtcdHttp.Status::isLeader).orElse(false))
            .findFirst();
    }

    /** Removes every container of the cluster (running or not) and deletes the directory; safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            removeEverything();
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
        return "EtcdContainerCluster" + endpoints();
    }

    private void create(EtcdContainerMember member) {
        List<String> argv = member.command();
        // Not closed on purpose: closing a GenericContainer removes its container, which must outlive this object.
        @SuppressWarnings("resource")
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
            .withImagePullPolicy(image -> false)
            .withNetworkMode("host")
            .withCommand(argv.subList(1, argv.size()).toArray(String[]::new))
            // The bind is set here, not with withFileSystemBind: for that, Testcontainers first checks file mounting
            // with a container of alpine:3.17, which it would try to pull.
            .withCreateContainerCmdModifier(cmd -> cmd.withName(member.container()).withEntrypoint(argv.get(0))
                .withHostConfig(cmd.getHostConfig().withBinds(new Bind(directory.toString(),
                    new Volume(directory.toString()), AccessMode.rw))))
            .withStartupTimeout(START_TIMEOUT);
        container.start();
    }

    private synchronized void removeEverything() {
        List<String> failures = new ArrayList<>();
        for (EtcdContainerMember member : members) {
            try {
                DockerCalls.run("remove " + member.container(), () -> docker.removeContainerCmd(member.container())
                    .withForce(true).withRemoveVolumes(true).exec());
            } catch (NotFoundException gone) {
                // never created, or removed already
            } catch (RuntimeException e) {
                LOG.warn("cannot remove container {}", member.container(), e);
                failures.add(member.container() + ": " + e);
            }
        }
        TempDirs.deleteRecursively(directory);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("containers left behind: " + failures);
        }
    }

    private void requireMember(EtcdContainerMember member) {
        if (!members.contains(member)) {
            throw new IllegalArgumentException(member + " is not one of " + members);
        }
    }

    private static <T> T await(Duration timeout, Supplier<Optional<T>> find, String problem) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<T> found = find.get();
        while (found.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(problem + " after " + timeout);
            }
            Interrupts.pause(POLL_INTERVAL);
            found = find.get();
        }
        return found.get();
    }

    private static void requireImage(DockerClient docker) {
        try {
            DockerCalls.run("inspect image " + IMAGE, () -> docker.inspectImageCmd(IMAGE).exec());
        } catch (NotFoundException e) {
            throw new IllegalStateException("no local image " + IMAGE + " (no registry is reachable, images are built "
                + "here): run scripts/build-images base", e);
        }
    }
}
