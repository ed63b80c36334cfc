package dev.revive.detector.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void skipsABadFileNamingItsFieldAndLoadsTheRest() throws IOException {
        // given one valid spec, one with a bad node id, one duplicate and a file that is not YAML
        Files.writeString(dir.resolve("a-orders.yaml"), spec("orders", "m0"));
        Files.writeString(dir.resolve("b-broken.yaml"), spec("broken", "m 0"));
        Files.writeString(dir.resolve("c-again.yml"), spec("orders", "m1"));
        Files.writeString(dir.resolve("notes.txt"), "not a spec");

        // when the directory is loaded
        SpecDirectory.Loaded loaded = SpecDirectory.load(dir);

        // then the valid one loads and each bad file is named with its field
        assertThat(loaded.specs()).extracting(ClusterSpec::id).containsExactly("orders");
        assertThat(loaded.rejected()).hasSize(2);
        assertThat(loaded.rejected().get(0).file()).isEqualTo(dir.resolve("b-broken.yaml"));
        assertThat(loaded.rejected().get(0).field()).isEqualTo("nodes[0].id");
        assertThat(loaded.rejected().get(0).detail()).contains("m 0");
        assertThat(loaded.rejected().get(1).field()).isEqualTo("id");
        assertThat(loaded.rejected().get(1).detail()).contains("already defined");
    }

    /** A minimal valid etcd spec with one node. */
    static String spec(String id, String nodeId) {
        return """
                id: %s
                kind: etcd
                nodes:
                  - id: "%s"
                    endpoints:
                      client: http://127.0.0.1:2379
                    control:
                      driver: process
                      command: [/usr/bin/etcd, --name, m0]
                      pidFile: /tmp/revive/m0.pid
                      logFile: /tmp/revive/m0.log
                    dataDir: /tmp/revive/m0.etcd
                backup:
                  directory: /tmp/revive/backups
                """.formatted(id, nodeId);
    }
}
