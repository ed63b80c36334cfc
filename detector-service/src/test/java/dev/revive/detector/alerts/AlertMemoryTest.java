package dev.revive.detector.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlertMemoryTest {

    private static final AlertMemory.Entry FIRING = new AlertMemory.Entry("etcd-3", "infra1", true, "t1");
    private static final AlertMemory.Entry RESOLVED = new AlertMemory.Entry("etcd-3", "infra1", false, "t1");

    @Test
    void sameEntryTwiceIsADuplicateAndANewStateIsNot() {
        AlertMemory memory = new AlertMemory(10);

        assertThat(memory.claim("am/f1", FIRING)).isPresent();
        assertThat(memory.claim("am/f1", FIRING)).isEmpty();
        assertThat(memory.claim("am/f1", RESOLVED)).isPresent();
        assertThat(memory.claim("am/f1", new AlertMemory.Entry("etcd-3", "infra1", true, "t2"))).isPresent();
    }

    @Test
    void releasedClaimLetsARetryPublishAgain() {
        AlertMemory memory = new AlertMemory(10);
        memory.claim("am/f1", FIRING).orElseThrow();
        memory.claim("am/f1", RESOLVED).orElseThrow().release();

        assertThat(memory.find("am/f1")).contains(FIRING);
        assertThat(memory.claim("am/f1", RESOLVED)).isPresent();
    }

    @Test
    void leastRecentlyUsedIsForgottenPastTheCapacity() {
        AlertMemory memory = new AlertMemory(2);
        memory.claim("a", FIRING);
        memory.claim("b", FIRING);
        memory.find("a");
        memory.claim("c", FIRING);

        assertThat(memory.find("b")).isEmpty();
        assertThat(memory.find("a")).contains(FIRING);
    }
}
