package dev.revive.targets.etcd;

import dev.revive.contracts.cluster.ClientSecurity;
import dev.revive.targets.Causes;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import dev.revive.targets.security.JetcdSecurity;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.auth.AuthRoleGetResponse;
import io.etcd.jetcd.auth.Permission;
import io.etcd.jetcd.cluster.MemberListResponse;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.maintenance.AlarmResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import java.net.URI;
import io.etcd.jetcd.maintenance.HashKVResponse;
import io.etcd.jetcd.maintenance.StatusResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
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
    private final EtcdctlMemberPromote memberPromote;

    /** @param callTimeout the bound of every call (snapshots get ten times as long) */
    public EtcdAdapter(Duration callTimeout) {
        this(callTimeout, EtcdClients.DEFAULT_CAPACITY);
    }

    EtcdAdapter(Duration callTimeout, int clientCapacity) {
        this.callTimeout = callTimeout;
        this.snapshotStatus = new EtcdctlSnapshotStatus(snapshotTimeout());
        this.memberPromote = new EtcdctlMemberPromote(callTimeout);
        this.clients = new EtcdClients(clientCapacity, this::open);
    }

    /** The member's own status. */
    public MemberStatus status(String endpoint, ClientSecurity security) {
        StatusResponse status = call(endpoint, security, "status",
                client -> client.getMaintenanceClient().statusMember(endpoint), callTimeout, false);
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
        HashKVResponse hash = call(endpoint, security, "hashKV",
                client -> client.getMaintenanceClient().hashKV(endpoint, revision), callTimeout);
        long covered = revision == 0 ? hash.getHeader().getRevision() : revision;
        return new HashKv(endpoint, hash.getHeader().getMemberId(), covered, hash.getHash(), hash.getCompacted());
    }

    /** The cluster's active alarms ({@code NOSPACE}, {@code CORRUPT}), as the member answers them. */
    public List<MemberAlarm> alarms(String endpoint, ClientSecurity security) {
        AlarmResponse alarms = call(endpoint, security, "alarm list",
                client -> client.getMaintenanceClient().listAlarms(), callTimeout);
        return alarms.getAlarms().stream()
                .map(alarm -> new MemberAlarm(alarm.getMemberId(), alarm.getAlarmType().name())).toList();
    }

    /** Asks the leader at {@code endpoint} to hand leadership to the member {@code transfereeId} (etcd moveLeader). */
    public void moveLeader(String endpoint, ClientSecurity security, long transfereeId) {
        call(endpoint, security, "moveLeader",
                client -> client.getMaintenanceClient().moveLeader(transfereeId), callTimeout);
    }

    /** The live member list, as the member knows it. */
    public List<LiveMember> members(String endpoint, ClientSecurity security) {
        MemberListResponse members = call(endpoint, security, "member list",
                client -> client.getClusterClient().listMember(), callTimeout);
        return members.getMembers().stream().map(member -> new LiveMember(member.getId(), member.getName(),
                member.getClientURIs().stream().map(Object::toString).toList(), member.isLearner(),
                member.getPeerURIs().stream().map(Object::toString).toList())).toList();
    }

    /** Adds a learner (a non-voting member) with {@code peerUrl} to the cluster; returns its new member id. */
    public long addLearner(String endpoint, ClientSecurity security, String peerUrl) {
        return call(endpoint, security, "member add --learner " + peerUrl, client -> client.getClusterClient()
                .addMember(List.of(URI.create(peerUrl)), true), callTimeout).getMember().getId();
    }

    /** Asks for the learner {@code memberId} to become a voting member ({@link EtcdctlMemberPromote}), bounded. */
    EtcdctlMemberPromote.Answer promote(String endpoint, ClientSecurity security, long memberId) {
        return memberPromote.promote(endpoint, security, memberId);
    }

    /** Removes the member {@code memberId} from the cluster. */
    public void removeMember(String endpoint, ClientSecurity security, long memberId) {
        call(endpoint, security, "member remove " + Long.toHexString(memberId),
                client -> client.getClusterClient().removeMember(memberId), callTimeout);
    }

    /**
     * Throws unless the member serves a read, as {@code etcdctl endpoint health} asks: a linearizable get of the key
     * {@code health} (serializable for a learner, which serves no linearizable read); a permission denied answer is
     * an answer, so it counts as healthy.
     */
    public void health(String endpoint, ClientSecurity security, boolean learner) {
        call(endpoint, security, "health read", client -> client.getKVClient().get(
                ByteSequence.from("health", StandardCharsets.UTF_8),
                GetOption.builder().withSerializable(learner).withCountOnly(true).build()).handle((answer, failure) -> {
                    if (failure == null || code(failure) == Status.Code.PERMISSION_DENIED) {
                        return answer;
                    }
                    throw failure instanceof CompletionException completion ? completion
                            : new CompletionException(failure);
                }), callTimeout);
    }

    /** A serializable read of a key range on this member alone. */
    public KeyRange.Page range(String endpoint, ClientSecurity security, KeyRange range) {
        GetOption.Builder option = GetOption.builder().withSerializable(true).withRevision(range.revision())
                .withLimit(range.limit()).withKeysOnly(range.keysOnly()).withCountOnly(range.countOnly())
                .withRange(ByteSequence.from(range.end().bytes())).withMinModRevision(range.minModRevision());
        GetResponse page = call(endpoint, security, "range",
                client -> client.getKVClient().get(ByteSequence.from(range.from().bytes()), option.build()),
                callTimeout);
        List<KeyRange.Entry> entries = page.getKvs().stream().map(kv -> new KeyRange.Entry(
                new EtcdKey(kv.getKey().getBytes()), kv.getModRevision(),
                range.keysOnly() ? null : KeyRange.digest(kv.getValue().getBytes()))).toList();
        return new KeyRange.Page(entries, page.getCount(), page.isMore(), page.getHeader().getRevision());
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
        return SnapshotFiles.write(file, out -> call(endpoint, security, "snapshot",
                client -> client.getMaintenanceClient().snapshot(out), snapshotTimeout()), mayReplace);
    }

    /** etcd's own check of a snapshot file ({@code etcdctl snapshot status}), bounded like a snapshot. */
    EtcdctlSnapshotStatus.Status snapshotStatus(Path file) {
        return snapshotStatus.check(file);
    }

    /** The key permissions of an auth role, as the member answers them (the user must be allowed to read roles). */
    public List<RolePermission> rolePermissions(String endpoint, ClientSecurity security, String role) {
        AuthRoleGetResponse answer = call(endpoint, security, "role get " + role,
                client -> client.getAuthClient().roleGet(utf8(role)), callTimeout);
        return answer.getPermissions().stream().map(permission -> rolePermission(endpoint, role, permission)).toList();
    }

    private static RolePermission rolePermission(String endpoint, String role, Permission permission) {
        if (permission.getPermType() == Permission.Type.UNRECOGNIZED) {
            throw new TargetException(Kind.FAILED, "etcd " + endpoint + " role get " + role
                    + ": a permission of a type this client does not know");
        }
        return RolePermission.of(RolePermission.Type.valueOf(permission.getPermType().name()),
                permission.getKey().getBytes(), permission.getRangeEnd().getBytes());
    }

    /** Grants a key permission to an auth role; etcd replaces the type of the role's permission on the same range. */
    public void grant(String endpoint, ClientSecurity security, String role, RolePermission permission) {
        call(endpoint, security, "role grant " + role, client -> client.getAuthClient().roleGrantPermission(
                utf8(role), ByteSequence.from(permission.keyBytes()), ByteSequence.from(permission.rangeEndBytes()),
                Permission.Type.valueOf(permission.type().name())), callTimeout);
    }

    /** Revokes an auth role's key permission on exactly {@code permission}'s range. */
    public void revoke(String endpoint, ClientSecurity security, String role, RolePermission permission) {
        call(endpoint, security, "role revoke " + role, client -> client.getAuthClient().roleRevokePermission(
                utf8(role), ByteSequence.from(permission.keyBytes()), ByteSequence.from(permission.rangeEndBytes())),
                callTimeout);
    }

    private static ByteSequence utf8(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
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

    /**
     * One bounded call on the member's cached client, made once more on a new client when the cached one may be
     * stale: etcd keeps auth tokens in each member's memory only, so a member that restarted refuses the token a
     * cached client still holds (UNAUTHENTICATED); and gRPC keeps a channel to a member that was down in its
     * reconnect backoff for a while after the member is back, failing calls at once with the old "connection
     * refused". A member that is really down refuses the second call too, at once.
     */
    private <T> T call(String endpoint, ClientSecurity security, String name,
            Function<Client, CompletableFuture<T>> request, Duration timeout) {
        return call(endpoint, security, name, request, timeout, true);
    }

    /** As above; {@code againWhenRefused} false for the probes' status call, which a dead member refuses each time. */
    private <T> T call(String endpoint, ClientSecurity security, String name,
            Function<Client, CompletableFuture<T>> request, Duration timeout, boolean againWhenRefused) {
        try {
            return await(endpoint, name, request.apply(client(endpoint, security)), timeout);
        } catch (TargetException e) {
            boolean staleLogin = security != null && security.hasUser()
                    && code(e.getCause()) == Status.Code.UNAUTHENTICATED;
            if (!staleLogin && !(againWhenRefused && e.kind() == Kind.REFUSED)) {
                throw e;
            }
            LOG.debugf("etcd %s %s: %s; trying once more on a new client", endpoint, name, e.getMessage());
            clients.forget(endpoint, security);
            return await(endpoint, name, request.apply(client(endpoint, security)), timeout);
        }
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
            return new TargetException(Kind.TIMEOUT, prefix + Causes.describe(cause, 500), cause);
        }
        if (Causes.has(cause, SSLException.class)) {
            return new TargetException(Kind.FAILED, prefix + "TLS handshake failed (check the CA, the client "
                    + "certificate and its key): " + Causes.describe(cause, 500), cause);
        }
        if (code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED) {
            return new TargetException(Kind.FAILED, prefix + "credentials refused (" + code + "): "
                    + Causes.describe(cause, 500), cause);
        }
        Kind kind = code == Status.Code.UNAVAILABLE || Causes.has(cause, ConnectException.class) ? Kind.REFUSED
                : Kind.FAILED;
        return new TargetException(kind, prefix + Causes.describe(cause, 500), cause);
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

}
