package dev.revive.executor.lock;

import dev.revive.targets.security.JetcdSecurity;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The jetcd client of the coordination etcd (never a target cluster), with every call bounded by
 * the call timeout. Knows the key layout: {@code revive/locks/<clusterId>} and
 * {@code revive/fence/<clusterId>}. TLS and the user come from {@link CoordinationSecurity}.
 */
final class Coordination implements AutoCloseable {

    static final String LOCK_PREFIX = "revive/locks/";
    static final String FENCE_PREFIX = "revive/fence/";

    private final Client client;
    private final Duration callTimeout;

    Coordination(List<String> endpoints, Duration callTimeout, CoordinationSecurity security) {
        this.client = JetcdSecurity.apply(Client.builder()
                        .endpoints(endpoints.toArray(String[]::new))
                        .connectTimeout(callTimeout),
                security.caFile(), security.certFile(), security.keyFile(), security.username(),
                security.passwordFile())
                .build();
        this.callTimeout = callTimeout;
    }

    Client client() {
        return client;
    }

    static ByteSequence lockKey(String clusterId) {
        return bytes(LOCK_PREFIX + clusterId);
    }

    static ByteSequence fenceKey(String clusterId) {
        return bytes(FENCE_PREFIX + clusterId);
    }

    static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    /** Waits for {@code future} at most the call timeout. */
    <T> T await(String call, CompletableFuture<T> future) {
        try {
            return future.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new CoordinationException("coordination etcd " + call + ": no answer within " + callTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new CoordinationException("coordination etcd " + call + ": interrupted", e);
        } catch (ExecutionException e) {
            throw new CoordinationException("coordination etcd " + call + ": " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
