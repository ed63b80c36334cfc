package dev.revive.targets.etcd;

import dev.revive.contracts.cluster.ClientSecurity;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import dev.revive.targets.security.JetcdSecurity;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import io.etcd.jetcd.maintenance.HashKVResponse;
import io.etcd.jetcd.maintenance.StatusResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLException;
import org.jboss.logging.Logger;

/**
 * Every jetcd call Revive makes to a target etcd cluster, each one bounded by the call timeout.
 * One client per member endpoint and client security ({@link EtcdClients}, least recently used ones closed beyond a
 * cap), so that a question is answered by that member and no other, created without wait-for-ready so that a dead
 * member is refused at once instead of hanging. A null {@link ClientSecurity} means a plain connection.
 */
public final class EtcdAdapter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EtcdAdapter.class);

    private final Duration callTimeout;
    private final EtcdClients clients;
    private final EtcdctlSnapshotStatus snapshotStatus;

    /** @param callTimeout the bound of every call (snapshots get ten times as long) */
    public EtcdAdapter(Duration callTimeout) {
        this(callTimeout, EtcdClients.DEFAULT_CAPACITY);
    }

    EtcdAdapter(Duration callTimeout, int clientCapacity) {
        this.callTimeout = callTimeout;
        this.snapshotStatus = new EtcdctlSnapshotStatus(snapshotTimeout());
        this.clients = new EtcdClients(clientCapacity, this::open);
    }

    /** The member's own status. */
    public MemberStatus status(String endpoint, ClientSecurity security) {
        StatusResponse status = await(endpoint, "status",
                client(endpoint, security).getMaintenanceClient().statusMember(endpoint), callTimeout);
        return new MemberStatus(endpoint, status.getHeader().getMemberId(), status.getLeader(), status.getRaftIndex(),
                status.getRaftTerm(), status.getHeader().getRevision(), status.getVersion(), status.getDbSize());
    }

    /** The member's status, or empty when it does not answer within the timeout. */
    public Optional<MemberStatus> statusIfAnswering(String endpoint, ClientSecurity security) {
        try {
            return Optional.of(status(endpoint, security));
        } catch (TargetException e) {
            LOG.debugf("etcd %s does not answer: %s", endpoint, e.getMessage());
            return Optional.empty();
        }
    }

    /** True when the member answers and knows a leader. */
    public boolean isHealthy(String endpoint, ClientSecurity security) {
        return statusIfAnswering(endpoint, security).map(MemberStatus::hasLeader).orElse(false);
    }

    /** True when the member of a plain cluster (no client security) answers and knows a leader. */
    public boolean isHealthy(String endpoint) {
        return isHealthy(endpoint, null);
    }

    /** The status of the member that the answering members agree is leader, if any answers as leader. */
    public Optional<MemberStatus> leader(List<String> endpoints, ClientSecurity security) {
        return endpoints.stream()
                .map(endpoint -> statusIfAnswering(endpoint, security))
                .flatMap(Optional::stream)
                .filter(MemberStatus::isLeader)
                .findFirst();
    }

    /** The hash of the member's key-value store at {@code revision} (0 = its latest). */
    public HashKv hashKv(String endpoint, ClientSecurity security, long revision) {
        HashKVResponse hash = await(endpoint, "hashKV",
                client(endpoint, security).getMaintenanceClient().hashKV(endpoint, revision), callTimeout);
        long covered = revision == 0 ? hash.getHeader().getRevision() : revision;
        return new HashKv(endpoint, hash.getHeader().getMemberId(), covered, hash.getHash(), hash.getCompacted());
    }

    /**
     * Streams a snapshot of the member's database to {@code file} durably (see {@link SnapshotFiles}): the file
     * appears complete or not at all, fsynced, with its sha256 sidecar. Returns its size and sha256.
     */
    public SnapshotFiles.Written snapshot(String endpoint, ClientSecurity security, Path file) {
        return snapshot(endpoint, security, file, () -> true);
    }

    /** As {@link #snapshot(String, ClientSecurity, Path)}, moved into place only if {@code mayReplace} still says so. */
    public SnapshotFiles.Written snapshot(String endpoint, ClientSecurity security, Path file,
            BooleanSupplier mayReplace) {
        return SnapshotFiles.write(file, out -> await(endpoint, "snapshot",
                client(endpoint, security).getMaintenanceClient().snapshot(out), snapshotTimeout()), mayReplace);
    }

    /** etcd's own check of a snapshot file ({@code etcdctl snapshot status}), bounded like a snapshot. */
    EtcdctlSnapshotStatus.Status snapshotStatus(Path file) {
        return snapshotStatus.check(file);
    }

    private Duration snapshotTimeout() {
        return callTimeout.multipliedBy(10);
    }

    /** How many clients are open (at most the cap). */
    int openClients() {
        return clients.size();
    }

    @Override
    public void close() {
        clients.close();
    }

    private Client client(String endpoint, ClientSecurity security) {
        return clients.client(endpoint, security);
    }

    private Client open(EtcdClients.Key key) {
        return JetcdSecurity.apply(Client.builder()
                .endpoints(key.endpoint())
                .waitForReady(false)
                .connectTimeout(callTimeout)
                .retryMaxAttempts(0)
                .interceptor(new CallDeadlines(callTimeout, snapshotTimeout())), key.security())
                .build();
    }

    private static <T> T await(String endpoint, String call, CompletableFuture<T> future, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new TargetException(Kind.TIMEOUT, "etcd " + endpoint + " " + call + ": no answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException(Kind.TIMEOUT, "etcd " + endpoint + " " + call + ": interrupted", e);
        } catch (ExecutionException e) {
            throw classify(endpoint, call, e.getCause());
        }
    }

    /**
     * Classifies by gRPC status and exception type: a deadline is {@link Kind#TIMEOUT}; a TLS handshake the member
     * rejects, or credentials it refuses, is {@link Kind#FAILED} (the member is up and answers, just not to us);
     * an unreachable member is {@link Kind#REFUSED}; anything else {@link Kind#FAILED}.
     */
    private static TargetException classify(String endpoint, String call, Throwable cause) {
        Status.Code code = code(cause);
        String prefix = "etcd " + endpoint + " " + call + ": ";
        if (code == Status.Code.DEADLINE_EXCEEDED) {
            return new TargetException(Kind.TIMEOUT, prefix + describe(cause), cause);
        }
        if (has(cause, SSLException.class)) {
            return new TargetException(Kind.FAILED, prefix + "TLS handshake failed (check the CA, the client "
                    + "certificate and its key): " + describe(cause), cause);
        }
        if (code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED) {
            return new TargetException(Kind.FAILED, prefix + "credentials refused (" + code + "): "
                    + describe(cause), cause);
        }
        Kind kind = code == Status.Code.UNAVAILABLE || has(cause, ConnectException.class) ? Kind.REFUSED : Kind.FAILED;
        return new TargetException(kind, prefix + describe(cause), cause);
    }

    /** The gRPC status code of a failure, whether gRPC's own exception or jetcd's translation of it. */
    private static Status.Code code(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EtcdException etcd) {
                return Arrays.stream(Status.Code.values()).filter(c -> c.name().equals(etcd.getErrorCode().name()))
                        .findFirst().orElse(Status.Code.UNKNOWN);
            }
            if (t instanceof StatusRuntimeException || t instanceof StatusException) {
                return Status.fromThrowable(t).getCode();
            }
        }
        return Status.Code.UNKNOWN;
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < 500; t = t.getCause()) {
            text.append(text.length() == 0 ? "" : " / ").append(t.getClass().getSimpleName()).append(": ")
                    .append(t.getMessage());
        }
        return text.toString();
    }
}
