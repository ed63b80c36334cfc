package dev.revive.targets.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.revive.targets.TargetException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The adapter keeps at most its cap of clients however many endpoints it is asked about. */
class EtcdAdapterClientsTest {

    @Test
    void askingManyEndpointsKeepsAtMostTheCapOfClientsOpen() throws IOException {
        // given
        try (EtcdAdapter etcd = new EtcdAdapter(Duration.ofSeconds(5), 2)) {
            for (int i = 0; i < 5; i++) {
                String endpoint = "http://127.0.0.1:" + unusedPort();

                // when
                TargetException failure = catchThrowableOfType(() -> etcd.status(endpoint, null),
                        TargetException.class);

                // then
                assertThat(failure).isNotNull();
            }
            assertThat(etcd.openClients()).isEqualTo(2);
        }
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
