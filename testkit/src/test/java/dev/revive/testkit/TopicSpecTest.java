package dev.revive.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicSpecTest {

    @Test
    void plainNameIsOnePartitionDeletePolicy() {
        assertThat(TopicSpec.parse("revive.faults")).isEqualTo(new TopicSpec("revive.faults", 1, false));
    }

    @Test
    void partitionsAndCompactionAreOptionalSuffixes() {
        assertThat(TopicSpec.parse("revive.plans:3")).isEqualTo(new TopicSpec("revive.plans", 3, false));
        assertThat(TopicSpec.parse("revive.clusters:1:compact")).isEqualTo(new TopicSpec("revive.clusters", 1, true));
    }

    @Test
    void listSkipsBlanksAndTrims() {
        assertThat(TopicSpec.parseList(" a , ,b:2 ")).containsExactly(TopicSpec.of("a"), new TopicSpec("b", 2, false));
        assertThat(TopicSpec.parseList(null)).isEmpty();
    }

    @Test
    void rejectsMalformedSpecs() {
        assertThatThrownBy(() -> TopicSpec.parse("a:1:compacted")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TopicSpec.parse("a:0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TopicSpec.parse("a:1:compact:x")).isInstanceOf(IllegalArgumentException.class);
    }
}
