package dev.revive.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The topic registry is the only place topic names are spelled. */
class TopicsTest {

    @Test
    void registryHasTheSevenTopicsInFlowOrder() {
        assertThat(Topics.ALL).containsExactly(Topics.CLUSTERS, Topics.FAULTS, Topics.DECISIONS, Topics.PLANS,
                Topics.EXECUTIONS, Topics.REPORTS, Topics.DLQ);
        assertThat(Topics.names()).containsExactly("revive.clusters", "revive.faults", "revive.decisions",
                "revive.plans", "revive.executions", "revive.reports", "revive.dlq");
    }

    @Test
    void namesAreUniqueAndAllStartWithRevive() {
        assertThat(Topics.names()).doesNotHaveDuplicates().allMatch(name -> name.startsWith("revive."));
    }

    @Test
    void onlyTheClusterTopicIsCompacted() {
        assertThat(Topics.ALL).filteredOn(Topic::compacted).containsExactly(Topics.CLUSTERS);
    }

    @Test
    void nameConstantsAreTheRegisteredNames() {
        assertThat(Topics.CLUSTERS.name()).isEqualTo(Topics.Names.CLUSTERS);
        assertThat(Topics.FAULTS.name()).isEqualTo(Topics.Names.FAULTS);
        assertThat(Topics.DECISIONS.name()).isEqualTo(Topics.Names.DECISIONS);
        assertThat(Topics.PLANS.name()).isEqualTo(Topics.Names.PLANS);
        assertThat(Topics.EXECUTIONS.name()).isEqualTo(Topics.Names.EXECUTIONS);
        assertThat(Topics.REPORTS.name()).isEqualTo(Topics.Names.REPORTS);
        assertThat(Topics.DLQ.name()).isEqualTo(Topics.Names.DLQ);
        assertThat(Topics.FAULTS).hasToString("revive.faults");
    }

    @Test
    void everyEventTopicHasAnEventSerdeAndTheDeadLetterTopicRawBytes() {
        assertThat(Topics.ALL).filteredOn(topic -> topic != Topics.DLQ)
                .allSatisfy(topic -> assertThat(topic.valueSerde()).isInstanceOf(EventSerde.class));
        assertThat(Topics.DLQ.valueSerde().serializer().serialize(Topics.DLQ.name(), new byte[] {1, 2}))
                .containsExactly(1, 2);
    }
}
