package dev.revive.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class KafkaClientSettingsTest {

    private static final Map<String, Object> SECURE = Map.of("bootstrap.servers", "kafka:9093",
            "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                    + "username=\"executor\" password=\"s3cret\";",
            "ssl.truststore.location", "/etc/revive/ca.pem", "ssl.truststore.type", "PEM");

    @Test
    void everyClientCarriesTheSecuritySettingsUntouched() {
        // given
        KafkaClientSettings settings = new KafkaClientSettings(SECURE);

        // when / then
        assertThat(settings.reader("r")).containsAllEntriesOf(SECURE);
        assertThat(settings.consumer("g", "c")).containsAllEntriesOf(SECURE)
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "g")
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        assertThat(settings.producer("p")).containsAllEntriesOf(SECURE)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        assertThat(settings.transactionalProducer("revive-executor-1", "t")).containsAllEntriesOf(SECURE)
                .containsEntry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "revive-executor-1")
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "t");
    }

    @Test
    void producersDropTheConsumerGroupAndReadersHaveNone() {
        // given
        KafkaClientSettings settings = new KafkaClientSettings(Map.of("bootstrap.servers", "k:1", "group.id", "x"));

        // when / then
        assertThat(settings.producer("p")).doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
        assertThat(settings.reader("r")).doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
    }

    @Test
    void secretsNeverShowInToString() {
        // given
        KafkaClientSettings settings = new KafkaClientSettings(SECURE).with(Map.of("ssl.keystore.password", "kpw"));

        // when
        String shown = settings.toString();

        // then
        assertThat(shown).doesNotContain("s3cret").doesNotContain("kpw").contains("SASL_SSL");
    }
}
