package dev.revive.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.config.AbstractKafkaConfig;
import org.junit.jupiter.api.Test;

/**
 * The broker jars must be the very version of kafka-clients that the Quarkus BOM pins: the root
 * pom's {@code kafka.version} manages kafka-server and kafka-metadata by hand.
 */
class KafkaVersionAlignmentTest {

    @Test
    void brokerJarsMatchTheClientVersion() {
        String clientVersion = AppInfoParser.getVersion();

        assertThat(jarOf(KafkaRaftServer.class)).endsWith("-" + clientVersion + ".jar");
        assertThat(jarOf(Formatter.class)).endsWith("-" + clientVersion + ".jar");
        assertThat(jarOf(AbstractKafkaConfig.class)).endsWith("-" + clientVersion + ".jar");
    }

    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName().toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
