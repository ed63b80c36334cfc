package dev.revive.testkit;

import io.etcd.jetcd.Auth;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.auth.Permission;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Switches etcd's auth on in a TLS cluster: the user {@code root} with a password and the role {@code root}, then
 * {@code auth enable}, through jetcd with the client certificate; then, as {@code root}, application roles and users.
 * Every call bounded by {@link #TIMEOUT}.
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

    /**
     * Adds the role {@code role} with READWRITE on every key that starts with {@code prefix}, and the user
     * {@code user} with {@code password} holding that role; as {@code root}, auth being enabled.
     */
    static void addApplicationUser(List<String> endpoints, TestCertificates tls, String rootPassword, String user,
            String password, String role, String prefix) {
        try (Client client = Client.builder().endpoints(endpoints.toArray(String[]::new))
                .sslContext(ssl -> ssl.trustManager(tls.caFile().toFile())
                        .keyManager(tls.clientCert().toFile(), tls.clientKey().toFile()))
                .user(bytes(ROOT)).password(bytes(rootPassword))
                .connectTimeout(TIMEOUT)
                .build()) {
            Auth auth = client.getAuthClient();
            bounded(auth.roleAdd(bytes(role)));
            bounded(auth.roleGrantPermission(bytes(role), bytes(prefix), prefixEnd(prefix), Permission.Type.READWRITE));
            bounded(auth.userAdd(bytes(user), bytes(password)));
            bounded(auth.userGrantRole(bytes(user), bytes(role)));
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalStateException("cannot build the TLS settings of " + endpoints, e);
        }
    }

    /** The end of the range of every key starting with {@code prefix}: its last byte incremented. */
    static ByteSequence prefixEnd(String prefix) {
        byte[] end = prefix.getBytes(StandardCharsets.UTF_8);
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xff) {
                end[i]++;
                return ByteSequence.from(java.util.Arrays.copyOf(end, i + 1));
            }
        }
        return ByteSequence.from(new byte[] {0});
    }

    private static <T> T bounded(java.util.concurrent.CompletableFuture<T> call) {
        try {
            return call.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("etcd auth call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while enabling etcd auth", e);
        }
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
