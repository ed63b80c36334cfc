package dev.revive.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import org.junit.jupiter.api.Test;

class EtcdClusterResourceIT {

    @InjectEtcdCluster
    private EtcdCluster cluster;

    @Test
    void resourceHandsTheEndpointsToTheApplicationAndTheClusterToTheTest() throws Exception {
        // given
        EtcdClusterResource resource = new EtcdClusterResource();
        resource.init(Map.of(EtcdClusterResource.MEMBERS, "1", EtcdClusterResource.PROPERTY, "app.etcd.endpoints"));

        // when
        Map<String, String> config = resource.start();
        Path directory = resource.cluster().directory();
        try {
            resource.inject(this::injectFields);

            // then
            assertThat(cluster).isSameAs(resource.cluster());
            assertThat(config).containsOnlyKeys("app.etcd.endpoints");
            assertThat(config.get("app.etcd.endpoints")).isEqualTo(cluster.member(0).clientUrl());
            try (Client client = Client.builder().endpoints(config.get("app.etcd.endpoints")).build()) {
                ByteSequence key = ByteSequence.from("k", StandardCharsets.UTF_8);
                client.getKVClient().put(key, key).get(5, TimeUnit.SECONDS);
            }
        } finally {
            resource.stop();
        }
        assertThat(directory).doesNotExist();
    }

    private void injectFields(Object value, Predicate<Field> matches) {
        for (Field field : getClass().getDeclaredFields()) {
            if (matches.test(field)) {
                try {
                    field.set(this, value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
