package dev.revive.testkit;

import io.etcd.jetcd.Auth;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Switches etcd's auth on in a TLS cluster: the user {@code root} with a password and the role {@code root}, then
 * {@code auth enable}, through jetcd with the client certificate; every call bounded by {@link #TIMEOUT}.
 */
final class EtcdAuth {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String ROOT = "root";

    private EtcdAuth() {
    }

    static void enable(List<String> endpoints, TestCertificates tls, String rootPassword) {
        try (Client client = Client.builder().endpoints(endpoints.toArray(String[]::new))
                .sslContext(ssl -> ssl.trustManager(tls.caFile().toFile())
                        .keyManager(tls.clientCert().toFile(), tls.clientKey().toFile()))
                .connectTimeout(TIMEOUT)
                .build()) {
            Auth auth = client.getAuthClient();
            ByteSequence root = bytes(ROOT);
            bounded(auth.userAdd(root, bytes(rootPassword)));
            bounded(auth.roleAdd(root));
            bounded(auth.userGrantRole(root, root));
            bounded(auth.authEnable());
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalStateException("cannot build the TLS settings of " + endpoints, e);
        }
    }

    private static <T> T bounded(java.util.concurrent.CompletableFuture<T> call) {
        try {
            return call.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot enable etcd auth: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while enabling etcd auth", e);
        }
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
