package dev.revive.executor.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.cluster.ClientSecurity;
import dev.revive.executor.plan.HeldLock;
import dev.revive.testkit.EtcdCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordination lock in an etcd that serves clients on https only, requires a client certificate and has auth
 * enabled: with the configured CA, certificate, user and password file it locks and fences; with a wrong password
 * taking a lock fails with a coordination error instead of hanging or succeeding.
 */
class SecureClusterLockIT {

    private static final Duration TTL = Duration.ofSeconds(3);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    private static EtcdCluster coordination;

    @BeforeAll
    static void startSecureCoordinationEtcd() {
        coordination = EtcdCluster.startSecure(1);
    }

    @AfterAll
    static void stopCoordinationEtcd() {
        coordination.close();
    }

    @Test
    void locksAndFencesWithTlsAndAuth() throws Exception {
        // given
        CoordinationSecurity security = security(coordination.clientSecurity().passwordFile());

        try (CoordinationLocks locks = new CoordinationLocks(coordination.endpoints(), "executor-tls", TTL,
                CALL_TIMEOUT, Duration.ofMillis(100), security)) {
            // when
            HeldLock lock = locks.acquire("etcd-tls", () -> false);

            // then
            assertThat(lock.token()).isPositive();
            assertThat(lock.admit("inc-1-r1", "01-snapshot")).isTrue();
            lock.close();
            assertThat(lock.admit("inc-1-r1", "02-stop")).isFalse();
        }
    }

    @Test
    void aWrongPasswordFailsTakingALockWithACoordinationError(@TempDir Path dir) throws Exception {
        // given
        Path wrong = Files.writeString(dir.resolve("password"), "not-the-password\n");

        try (CoordinationLocks locks = new CoordinationLocks(coordination.endpoints(), "executor-tls", TTL,
                CALL_TIMEOUT, Duration.ofMillis(100), security(wrong.toString()))) {
            // when / then
            assertThatThrownBy(() -> locks.acquire("etcd-tls-wrong", () -> false))
                    .isInstanceOf(CoordinationException.class)
                    .hasMessageContaining("grant lease");
        }
    }

    private static CoordinationSecurity security(String passwordFile) throws Exception {
        ClientSecurity files = coordination.clientSecurity();
        String username = Files.readString(Path.of(files.usernameFile())).strip();
        return new CoordinationSecurity(files.caFile(), files.certFile(), files.keyFile(), username, passwordFile);
    }
}
