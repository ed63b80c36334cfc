package dev.revive.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.Resources;
import dev.revive.contracts.fault.FaultEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** A record built by EventRecords reads back through the topic's serdes with its CloudEvent attributes. */
class EventRecordsTest {

    private static final Instant AT = Instant.parse("2025-03-14T09:26:53.500Z");
    private static final FaultEvent FAULT = Topics.FAULTS.valueSerde().deserializer()
            .deserialize(Topics.FAULTS.name(), Resources.bytes("samples/fault-event.process-down.json"));

    @Test
    void recordIsKeyedSerialisedByTheTopicAndDescribedAsACloudEvent() {
        // when
        ProducerRecord<byte[], byte[]> record = EventRecords.of(Topics.FAULTS, "etcd-3", FAULT, "/revive/detector", AT);

        // then
        assertThat(record.topic()).isEqualTo(Topics.FAULTS.name());
        assertThat(record.partition()).isNull();
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("etcd-3");
        assertThat(Topics.FAULTS.valueSerde().deserializer().deserialize(record.topic(), record.headers(),
                record.value())).isEqualTo(FAULT);
        assertThat(CloudEventHeaders.read(record.headers()))
                .contains(EventTypes.describe(FAULT, "/revive/detector", AT));
    }

    @Test
    void headersAloneCarryTheSameAttributes() {
        assertThat(CloudEventHeaders.read(EventRecords.headers(FAULT, "/revive/planner", AT)))
                .contains(new CloudEvent(FAULT.faultId(), "/revive/planner", EventTypes.FAULT, AT, FAULT.subject()));
    }
}
