package dev.revive.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.kafka.TopicOwners;
import org.junit.jupiter.api.Test;

/** The console's principal in {@link TopicOwners} may read exactly the topics {@link TopicTail} tails. */
class ConsolePrincipalTest {

    @Test
    void theConsolesPrincipalReadsExactlyTheTopicsItTailsAndWritesNone() {
        TopicOwners.Access console = TopicOwners.of(TopicOwners.CONSOLE);

        assertThat(console.reads()).containsExactlyInAnyOrderElementsOf(TopicTail.TOPICS);
        assertThat(TopicOwners.topicsWrittenBy(TopicOwners.CONSOLE)).isEmpty();
    }
}
