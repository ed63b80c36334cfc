package dev.revive.targets.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveryTest {

    private static final List<String> FILE = List.of("line-1", "line-2", "line-3", "line-4", "line-5");

    @Test
    void linesSentAgainAfterAKillAreDuplicatesNotMoreData() {
        Delivery delivery = Delivery.of(FILE.subList(0, 3), Map.of("line-1", 1L, "line-2", 2L, "line-3", 2L));

        assertThat(delivery.delivered()).isEqualTo(3);
        assertThat(delivery.duplicates()).isEqualTo(2);
        assertThat(delivery.missing()).isZero();
        assertThat(delivery.lossWithin(0.0, 1.0)).isTrue();
    }

    @Test
    void linesAfterTheLastDeliveredOneAreInFlightNotMissing() {
        Delivery delivery = Delivery.of(FILE, Map.of("line-1", 1L, "line-2", 1L));

        assertThat(delivery.inFlight()).isEqualTo(3);
        assertThat(delivery.missing()).isZero();
        assertThat(delivery.lossWithin(0.0, 1.5)).isTrue();
    }

    @Test
    void aLineAbsentThoughALaterOneArrivedIsMissing() {
        Delivery delivery = Delivery.of(FILE, Map.of("line-1", 1L, "line-3", 1L));

        assertThat(delivery.missing()).isEqualTo(1);
        assertThat(delivery.inFlight()).isEqualTo(2);
        assertThat(delivery.lossWithin(0.1, 1.0)).isFalse();
        assertThat(delivery.lossWithin(0.2, 1.0)).isTrue();
    }

    @Test
    void aLineTheFileHoldsTwiceIsDeliveredTwiceAndNotADuplicate() {
        Delivery delivery = Delivery.of(List.of("same", "same", "other"), Map.of("same", 2L, "other", 1L));

        assertThat(delivery.delivered()).isEqualTo(3);
        assertThat(delivery.duplicates()).isZero();
    }

    @Test
    void theSinkMissesOnlyWhatItLacksBeforeTheLastLineItHas() {
        Delivery delivery = Delivery.of(FILE, Map.of("line-1", 1L, "line-2", 1L, "line-3", 1L, "line-4", 1L));

        assertThat(delivery.missingInSink(FILE, Set.of("line-1", "line-3"), 0.0, 1.0)).isEqualTo(1);
        assertThat(delivery.missingInSink(FILE, Set.of("line-1", "line-2"), 0.0, 1.0)).isZero();
    }

    @Test
    void aTailLongerThanTheCollectorCarriesInTwoSecondsIsMissingNotInFlight() {
        Delivery delivery = Delivery.of(FILE, Map.of("line-1", 1L));

        assertThat(delivery.inFlight()).isEqualTo(4);
        assertThat(delivery.lossWithin(0.0, 1.0)).as("2 lines may be in flight at 1 line/s").isFalse();
        assertThat(delivery.lossWithin(0.0, 2.0)).as("4 lines may be in flight at 2 lines/s").isTrue();
    }

    @Test
    void anEmptySinkBehindAFullTopicIsMissingEverything() {
        Delivery delivery = Delivery.of(FILE, Map.of("line-1", 1L, "line-2", 1L, "line-3", 1L, "line-4", 1L,
                "line-5", 1L));

        assertThat(delivery.missingInSink(FILE, Set.of(), 0.0, 0.5)).isEqualTo(4);
    }

    @Test
    void aTopicCountedByOffsetsKnowsNoDuplicates() {
        Delivery delivery = Delivery.byOffsets(50, 42);

        assertThat(delivery.delivered()).isEqualTo(42);
        assertThat(delivery.duplicates()).isZero();
        assertThat(delivery.describe("t")).contains("by offsets");
    }
}
