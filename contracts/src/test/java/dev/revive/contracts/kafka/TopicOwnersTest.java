package dev.revive.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicOwnersTest {

    @Test
    void everyTopicButTheDeadLettersHasExactlyOneWriter() {
        for (String topic : Topics.names()) {
            long writers = TopicOwners.SERVICES.stream()
                    .filter(service -> TopicOwners.of(service).writes().contains(topic)).count();
            assertThat(writers).as(topic).isEqualTo(Topics.Names.DLQ.equals(topic) ? 0 : 1);
        }
    }

    @Test
    void theDetectorOwnsTheClustersAndThePlannerThePlans() {
        assertThat(TopicOwners.writerOf(Topics.Names.CLUSTERS)).isEqualTo(TopicOwners.DETECTOR);
        assertThat(TopicOwners.writerOf(Topics.Names.PLANS)).isEqualTo(TopicOwners.PLANNER);
        assertThatThrownBy(() -> TopicOwners.writerOf(Topics.Names.DLQ)).isInstanceOf(IllegalArgumentException.class);
    }
}
