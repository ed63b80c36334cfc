package dev.revive.executor.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The executor's bounded bookkeeping map. */
class BoundedMapTest {

    @Test
    void addingPastTheCapacityEvictsTheLeastRecentlyUsedEntry() {
        // given a map of capacity 2 holding a and b, a read last
        BoundedMap<String, Integer> map = new BoundedMap<>(2);
        map.put("a", 1);
        map.put("b", 2);
        map.get("a");

        // when c is added
        map.put("c", 3);

        // then b is gone, a and c stay
        assertThat(map).containsOnlyKeys("a", "c");
    }
}
