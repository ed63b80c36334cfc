package dev.revive.targets.etcd;

import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.maintenance.HashKVResponse;
import io.etcd.jetcd.maintenance.StatusResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Every jetcd call Revive makes to a target etcd cluster, each one bounded by the call timeout.
 * One client per member endpoint, so that a question is answered by that member and no other,
 * created without wait-for-ready so that a dead member is refused at once instead of hanging.
 */
public final class EtcdAdapter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EtcdAdapter.class);

    private final Duration callTimeout;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final EtcdctlSnapshotStatus snapshotStatus;

    /** @param callTimeout the bound of every call (snapshots get ten times as long) */
    public EtcdAdapter(Duration callTimeout) {
        this.callTimeout = callTimeout;
        this.snapshotStatus = new EtcdctlSnapshotStatus(snapshotTimeout());
    }

    /** The member's own status. */
    public MemberStatus status(String endpoint) {
        StatusResponse status = await(endpoint, "status", client(endpoint).getMaintenanceClient().statusMember(endpoint),
                callTimeout);
        return new MemberStatus(endpoint, status.getHeader().getMemberId(), status.getLeader(), status.getRaftIndex(),
                status.getRaftTerm(), status.getHeader().getRevision(), status.getVersion(), status.getDbSize());
    }

    /** The member's status, or empty when it does not answer within the timeout. */
    public Optional<MemberStatus> statusIfAnswering(String endpoint) {
        try {
            return Optional.of(status(endpoint));
        } catch (TargetException e) {
            LOG.debugf("etcd %s does not answer: %s", endpoint, e.getMessage());
            return Optional.empty();
        }
    }

    /** True when the member answers and knows a leader. */
    public boolean isHealthy(String endpoint) {
        return statusIfAnswering(endpoint).map(MemberStatus::hasLeader).orElse(false);
    }

    /** The status of the member that the answering members agree is leader, if any answers as leader. */
    public Optional<MemberStatus> leader(List<String> endpoints) {
        return endpoints.stream()
                .map(this::statusIfAnswering)
                .flatMap(Optional::stream)
                .filter(MemberStatus::isLeader)
                .findFirst();
    }

    /** The hash of the member's key-value store at {@code revision} (0 = its latest). */
    public HashKv hashKv(String endpoint, long revision) {
        HashKVResponse hash = await(endpoint, "hashKV",
                client(endpoint).getMaintenanceClient().hashKV(endpoint, revision), callTimeout);
        long covered = revision == 0 ? hash.getHeader().getRevision() : revision;
        return new HashKv(endpoint, hash.getHeader().getMemberId(), covered, hash.getHash(), hash.getCompacted());
    }

    /**
     * Streams a snapshot of the member's database to {@code file} durably (see {@link SnapshotFiles}): the file
     * appears complete or not at all, fsynced, with its sha256 sidecar. Returns its size and sha256.
     */
    public SnapshotFiles.Written snapshot(String endpoint, Path file) {
        return SnapshotFiles.write(file, out -> await(endpoint, "snapshot",
                client(endpoint).getMaintenanceClient().snapshot(out), snapshotTimeout()));
    }

    /** etcd's own check of a snapshot file ({@code etcdctl snapshot status}), bounded like a snapshot. */
    EtcdctlSnapshotStatus.Status snapshotStatus(Path file) {
        return snapshotStatus.check(file);
    }

    private Duration snapshotTimeout() {
        return callTimeout.multipliedBy(10);
    }

    @Override
    public void close() {
        clients.values().forEach(Client::close);
        clients.clear();
    }

    private Client client(String endpoint) {
        return clients.computeIfAbsent(endpoint, url -> Client.builder()
                .endpoints(url)
                .waitForReady(false)
                .connectTimeout(callTimeout)
                .retryMaxAttempts(0)
                .interceptor(new CallDeadlines(callTimeout, snapshotTimeout()))
                .build());
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

    private static TargetException classify(String endpoint, String call, Throwable cause) {
        String chain = describe(cause);
        Kind kind = chain.contains("DEADLINE_EXCEEDED") ? Kind.TIMEOUT
                : chain.contains("Connection refused") || chain.contains("UNAVAILABLE") ? Kind.REFUSED : Kind.FAILED;
        return new TargetException(kind, "etcd " + endpoint + " " + call + ": " + chain, cause);
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
