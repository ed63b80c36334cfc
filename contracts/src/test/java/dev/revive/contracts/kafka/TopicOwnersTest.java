package dev.revive.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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

    @Test
    void theCliWritesOnlyTheClustersTopicAndTheDetectorStaysItsOneServiceWriter() {
        assertThat(TopicOwners.topicsWrittenBy(TopicOwners.CLI)).containsExactly(Topics.Names.CLUSTERS);
        assertThat(TopicOwners.writerOf(Topics.Names.CLUSTERS)).isEqualTo(TopicOwners.DETECTOR);
        assertThat(TopicOwners.of(TopicOwners.CLI).reads()).containsExactlyInAnyOrder(Topics.Names.FAULTS,
                Topics.Names.PLANS, Topics.Names.EXECUTIONS, Topics.Names.REPORTS, Topics.Names.DLQ);
    }

    @Test
    void theConsoleReadsEveryTopicAndWritesNothingWithoutAGroupOrATransaction() {
        TopicOwners.Access console = TopicOwners.of(TopicOwners.CONSOLE);

        assertThat(TopicOwners.topicsWrittenBy(TopicOwners.CONSOLE)).isEmpty();
        assertThat(console.reads()).containsExactlyInAnyOrderElementsOf(Topics.names());
        assertThat(List.of(console.groupPrefix(), console.transactionalPrefix(), console.internalTopicPrefix()))
                .containsOnly("");
    }

    @Test
    void everyServiceWritesTheDeadLettersAndNoToolDoes() {
        assertThat(TopicOwners.SERVICES).allSatisfy(service ->
                assertThat(TopicOwners.topicsWrittenBy(service)).contains(Topics.Names.DLQ));
        assertThat(TopicOwners.TOOLS).allSatisfy(tool ->
                assertThat(TopicOwners.topicsWrittenBy(tool)).doesNotContain(Topics.Names.DLQ));
    }

    @Test
    void thePrincipalsAreTheServicesThenTheToolsAndNothingElse() {
        assertThat(TopicOwners.principals()).containsExactly(TopicOwners.DETECTOR, TopicOwners.PLANNER,
                TopicOwners.EXECUTOR, TopicOwners.VERIFIER, TopicOwners.CLI, TopicOwners.CONSOLE);
        assertThatThrownBy(() -> TopicOwners.of("intruder")).isInstanceOf(IllegalArgumentException.class);
    }
}
