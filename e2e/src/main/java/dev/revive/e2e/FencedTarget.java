package dev.revive.e2e;

import dev.revive.contracts.cluster.ClientSecurity;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.targets.security.JetcdSecurity;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.EtcdSpecs;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The stack's target as a cluster whose writes Revive fences ({@link ReviveStack#startWithTarget}): three etcd members
 * with TLS, client certificates and auth on ({@link EtcdCluster#startSecure}), one application user {@link #USER}
 * whose role {@link #ROLE} may read and write the keys under {@link #PREFIX}, and a spec that names that role in
 * {@code fencedRoles} with Revive's {@code root} user files. The application's calls go through a fresh client per
 * call, so that each carries a token of the role's permissions of that moment; each call is bounded.
 */
public final class FencedTarget implements TargetFixture {

    /** The application user. */
    public static final String USER = "orders";
    /** The application role the spec names in {@code fencedRoles}. */
    public static final String ROLE = "orders-rw";
    /** The keys the role may read and write. */
    public static final String PREFIX = "orders/";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private volatile ClientSecurity application;

    /** Starts the secure cluster and adds the application user; closes the cluster if that fails. */
    @Override
    public EtcdCluster start() {
        EtcdCluster cluster = EtcdCluster.startSecure(3);
        try {
            application = cluster.addApplicationUser(USER, ROLE, PREFIX);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The spec of {@code cluster} with {@link #ROLE} fenced and the stack's demo policy. */
    @Override
    public ClusterSpec describe(String clusterId, EtcdCluster cluster, Path workDir) {
        return TargetSpecs.withDemoPolicy(EtcdSpecs.describe(clusterId, cluster, workDir, List.of(ROLE)));
    }

    /** The files the application user's client needs (TLS, user and password files); null before the start. */
    public ClientSecurity application() {
        return application;
    }

    /**
     * The application's put of {@code key} through {@code endpoint}: {@link Status.Code#OK} when etcd took it, else
     * the gRPC code etcd (or the call's bound, {@link Status.Code#DEADLINE_EXCEEDED}) answered with.
     */
    public Status.Code put(String endpoint, String key, String value) {
        return call(endpoint, client -> client.getKVClient().put(utf8(key), utf8(value)));
    }

    /**
     * What etcd answered to one round of the application: a put, then a get, through one client.
     *
     * @param put the put's answer, as {@link FencedTarget#put}
     * @param get the get's answer, likewise
     */
    public record Round(Status.Code put, Status.Code get) {
    }

    /** The application's put of {@code putKey}, then its get of {@code getKey}, through {@code endpoint}. */
    public Round putThenGet(String endpoint, String putKey, String value, String getKey) {
        try (Client client = client(endpoint)) {
            return new Round(answer(client.getKVClient().put(utf8(putKey), utf8(value))),
                    answer(client.getKVClient().get(utf8(getKey))));
        }
    }

    private Status.Code call(String endpoint, Function<Client, CompletableFuture<?>> request) {
        try (Client client = client(endpoint)) {
            return answer(request.apply(client));
        }
    }

    private Client client(String endpoint) {
        return JetcdSecurity.apply(Client.builder().endpoints(endpoint).connectTimeout(CALL_TIMEOUT), application)
                .build();
    }

    private static Status.Code answer(CompletableFuture<?> request) {
        try {
            request.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return Status.Code.OK;
        } catch (ExecutionException e) {
            return Status.fromThrowable(e.getCause()).getCode();
        } catch (TimeoutException e) {
            request.cancel(true);
            return Status.Code.DEADLINE_EXCEEDED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.Code.CANCELLED;
        }
    }

    private static ByteSequence utf8(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
