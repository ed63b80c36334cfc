package dev.revive.targets.kind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.SystemKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetKindsMeasuresTest {

    @Test
    void aKindsMeasuresComeFromItsPlugInAndAKindWithoutOneMeasuresNothing() {
        // given a registry with a plug-in that measures a success rate, and one that measures nothing
        TargetKinds kinds = new TargetKinds(List.of(
                new Plugin(SystemKind.REDIS, (spec, node) -> Map.of(NodeMeasures.SUCCESS_RATE_PERCENT, 42.0)),
                new Plugin(SystemKind.POSTGRES, null)));

        // then each kind answers with what its plug-in measures, and a kind without plug-in with nothing
        assertThat(kinds.measures(SystemKind.REDIS).measure(null, null))
                .containsExactly(Map.entry(NodeMeasures.SUCCESS_RATE_PERCENT, 42.0));
        assertThat(kinds.measures(SystemKind.POSTGRES).measure(null, null)).isEmpty();
        assertThat(kinds.measures(SystemKind.ETCD)).isSameAs(NodeMeasures.NONE);
    }

    /** A plug-in with the given measures, or the default ones when null. */
    private static final class Plugin extends AbstractKindPlugin {

        private final NodeMeasures measures;

        Plugin(SystemKind kind, NodeMeasures measures) {
            super(kind, (spec, node) -> ProbeResult.answered(), spec -> null, null, Map.of());
            this.measures = measures;
        }

        @Override
        public NodeMeasures measures() {
            return measures == null ? super.measures() : measures;
        }
    }
}
