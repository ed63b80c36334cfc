package dev.revive.testkit;

import dev.revive.contracts.cluster.ClientSecurity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real etcd cluster of N members, each an {@code etcd} child process on free loopback ports with
 * its own data directory, all below one temp directory.
 *
 * <p>Members use fast raft timings (heartbeat 50 ms, election timeout 500 ms) so a killed leader is
 * replaced within about a second. {@link #close()} (and, as a safety net, a JVM shutdown hook)
 * kills every process on the machine whose arguments mention the cluster's directory, including
 * members restarted by other processes, and deletes the directory.
 *
 * <p>{@link #startSecure(int)} starts a cluster that serves clients on https only, requires a client certificate
 * ({@code --client-cert-auth}) and has auth enabled (user {@code root}); {@link #clientSecurity()} names the files
 * a client needs, as a spec would; {@link #addApplicationUser} adds a user whose role may read and write a prefix.
 */
public final class EtcdCluster implements AutoCloseable {

    /** How long {@link #start(int)} waits for every member to report healthy. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** How long {@link #leader()} waits for a leader. */
    public static final Duration LEADER_TIMEOUT = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(EtcdCluster.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final ProcessGroup<EtcdMember> group;
    private final EtcdHttp http = new EtcdHttp();
    private final Optional<NetworkPartition> partition;
    private final int isolated;
    private volatile ClientSecurity clientSecurity;
    private volatile String rootPassword;

    private EtcdCluster(ProcessGroup<EtcdMember> group) {
        this(group, Optional.empty(), -1);
    }

    private EtcdCluster(ProcessGroup<EtcdMember> group, Optional<NetworkPartition> partition, int isolated) {
        this.group = group;
        this.partition = partition;
        this.isolated = isolated;
    }

    /**
     * Starts {@code size} members and waits until all are healthy.
     *
     * @throws IllegalStateException if {@code etcd} is not installed or the cluster does not
     *     become healthy within {@link #START_TIMEOUT}; nothing is left behind in that case
     */
    public static EtcdCluster start(int size) {
        return start(size, false);
    }

    /**
     * Starts {@code size} members with TLS and client-certificate auth (certificates made with {@code openssl} in
     * the cluster's directory), waits until all are healthy and enables auth with user {@code root}.
     *
     * @throws IllegalStateException as {@link #start(int)}, or when auth cannot be enabled
     */
    public static EtcdCluster startSecure(int size) {
        return start(size, true);
    }

    private static EtcdCluster start(int size, boolean secure) {
        if (size < 1) {
            throw new IllegalArgumentException("an etcd cluster needs at least one member, got " + size);
        }
        Path binary = EtcdBinary.locate();
        EtcdCluster cluster = new EtcdCluster(ProcessGroup.open("revive-etcd-", directory -> EtcdCommands.members(
            binary, directory, size, secure ? Optional.of(TestCertificates.generate(directory.resolve("tls")))
                : Optional.empty()), POLL_INTERVAL, "etcd-cluster-cleanup"));
        Duration took = cluster.group.launchAll(() -> cluster.awaitAllHealthy(START_TIMEOUT));
        if (secure) {
            cluster.enableAuth();
        }
        LOG.info("etcd cluster of {} healthy in {} ms: {}", size, took.toMillis(), cluster.endpoints());
        return cluster;
    }

    /**
     * Starts {@code size} members, the one at {@code isolated} inside a fresh {@link NetworkPartition} (its client
     * and peer URLs on the namespace's address, its command run through {@code ip netns exec}, so that the running
     * process's arguments are exactly {@link EtcdMember#command()}), the others with peers on the host's address of
     * the pair; waits until all are healthy. {@link #partition()} cuts and heals it; {@link #close()} deletes it.
     *
     * @throws IllegalStateException as {@link #start(int)}, or when the namespace cannot be made (needs root and
     *     {@code ip}); nothing is left behind in that case
     */
    public static EtcdCluster startWithIsolatedMember(int size, int isolated) {
        Path binary = EtcdBinary.locate();
        NetworkPartition partition = NetworkPartition.create();
        try {
            EtcdCluster cluster = new EtcdCluster(ProcessGroup.open("revive-etcd-", directory ->
                EtcdCommands.members(binary, directory, size, partition, isolated), POLL_INTERVAL,
                "etcd-cluster-cleanup"), Optional.of(partition), isolated);
            Duration took = cluster.group.launchAll(() -> cluster.awaitAllHealthy(START_TIMEOUT));
            LOG.info("etcd cluster of {} healthy in {} ms, {} in {}: {}", size, took.toMillis(),
                cluster.member(isolated).name(), partition, cluster.endpoints());
            return cluster;
        } catch (RuntimeException e) {
            partition.close();
            throw e;
        }
    }

    /** The partition of a cluster started with {@link #startWithIsolatedMember}, else empty. */
    public Optional<NetworkPartition> partition() {
        return partition;
    }

    /** The member inside {@link #partition()}, else empty. */
    public Optional<EtcdMember> isolatedMember() {
        return partition.map(ignored -> member(isolated));
    }

    /**
     * The files a client of a {@link #startSecure secure} cluster needs: the CA, the client certificate and key,
     * and files holding {@code root} and its password; null for a plain cluster.
     */
    public ClientSecurity clientSecurity() {
        return clientSecurity;
    }

    /**
     * Adds to a {@link #startSecure secure} cluster an application: the role {@code role} with READWRITE on every key
     * that starts with {@code prefix}, and the user {@code user} (a random password) holding it. Returns the files
     * a client of that user needs: the cluster's TLS files and files holding the user and its password.
     *
     * @throws IllegalStateException for a plain cluster, or when etcd refuses a call
     */
    public ClientSecurity addApplicationUser(String user, String role, String prefix) {
        if (rootPassword == null) {
            throw new IllegalStateException("only a secure cluster has users: " + this);
        }
        TestCertificates tls = certificates();
        String password = user + "-" + java.util.UUID.randomUUID();
        try {
            Path usernameFile = Files.writeString(tls.caFile().resolveSibling(user + ".username"), user + "\n");
            Path passwordFile = Files.writeString(tls.caFile().resolveSibling(user + ".password"), password + "\n");
            EtcdAuth.addApplicationUser(endpoints(), tls, rootPassword, user, password, role, prefix);
            return new ClientSecurity(tls.caFile().toString(), tls.clientCert().toString(), tls.clientKey().toString(),
                usernameFile.toString(), passwordFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the credentials of " + user + " of " + this, e);
        }
    }

    /** The certificates of a {@link #startSecure secure} cluster, in {@code <directory>/tls}. */
    public TestCertificates certificates() {
        Path tls = directory().resolve("tls");
        return new TestCertificates(tls.resolve("ca.pem"), tls.resolve("server.pem"), tls.resolve("server.key"),
            tls.resolve("client.pem"), tls.resolve("client.key"));
    }

    /** The directory holding every member's data dir and log file. */
    public Path directory() {
        return group.directory();
    }

    /** The client URLs of all members, in member order. */
    public List<String> endpoints() {
        return group.nodes().stream().map(EtcdMember::clientUrl).collect(Collectors.toList());
    }

    /** All members, in order. */
    public List<EtcdMember> members() {
        return group.nodes();
    }

    /** The member at {@code index} (0-based). */
    public EtcdMember member(int index) {
        return group.nodes().get(index);
    }

    /**
     * Waits until every live member answers {@code /health} with {@code true}.
     *
     * @throws IllegalStateException at the deadline, naming the unhealthy members and their logs
     */
    public void awaitHealthy(Duration timeout) {
        group.awaitNone(timeout, () -> group.runningFailing(this::isHealthy), "etcd members not healthy");
    }

    /** Waits for a leader for at most {@link #LEADER_TIMEOUT}. */
    public EtcdMember leader() {
        return awaitLeader(LEADER_TIMEOUT);
    }

    /**
     * Waits until a live member reports itself as the raft leader and returns it.
     *
     * @throws IllegalStateException when no leader is found in time
     */
    public EtcdMember awaitLeader(Duration timeout) {
        return group.awaitFound(timeout, this::findLeader, "no etcd leader");
    }

    /** The member that reports itself as leader right now, if any (one status call per member). */
    public Optional<EtcdMember> findLeader() {
        return group.nodes().stream()
            .filter(member -> member.secure() ? http.isLeaderByMetrics(member.monitorUrl())
                : http.status(member.clientUrl()).map(EtcdHttp.Status::isLeader).orElse(false))
            .findFirst();
    }

    /** Kills the member with SIGKILL and waits until its processes have exited. */
    public void kill(EtcdMember member) {
        group.kill(member);
    }

    /** Stops the member with SIGTERM, waiting for it; SIGKILLs it if it does not exit in time. */
    public void stop(EtcdMember member) {
        group.stop(member);
    }

    /**
     * Starts a stopped member again with its {@link EtcdMember#command()} and data dir. Returns once
     * the process is started; use {@link #awaitHealthy(Duration)} to wait for it to rejoin.
     */
    public void restart(EtcdMember member) {
        group.restart(member);
    }

    /** Kills every process of the cluster, wherever it was started, deletes the directory and any partition. */
    @Override
    public void close() {
        try {
            group.close();
        } finally {
            partition.ifPresent(NetworkPartition::close);
        }
    }

    @Override
    public String toString() {
        return "EtcdCluster" + endpoints();
    }

    private void awaitAllHealthy(Duration timeout) {
        group.awaitNone(timeout, () -> {
            group.requireAllAlive("etcd members exited during start");
            return group.failing(this::isHealthy);
        }, "etcd cluster did not become healthy");
    }

    private boolean isHealthy(EtcdMember member) {
        return http.isHealthy(member.monitorUrl());
    }

    private void enableAuth() {
        TestCertificates tls = certificates();
        String password = "revive-" + java.util.UUID.randomUUID();
        try {
            Path username = Files.writeString(tls.caFile().resolveSibling("username"), EtcdAuth.ROOT + "\n");
            Path passwordFile = Files.writeString(tls.caFile().resolveSibling("password"), password + "\n");
            EtcdAuth.enable(endpoints(), tls, password);
            rootPassword = password;
            clientSecurity = new ClientSecurity(tls.caFile().toString(), tls.clientCert().toString(),
                tls.clientKey().toString(), username.toString(), passwordFile.toString());
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot write the credentials of " + this, e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }
}
