package dev.revive.detector.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.detector.domain.ProbeResult.Outcome;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import org.junit.jupiter.api.Test;

class EtcdProbeTest {

    @Test
    void refusedConnectionMeansTheProcessIsDown() {
        assertThat(EtcdProbe.classify(new TargetException(Kind.REFUSED, "Connection refused")).outcome())
                .isEqualTo(Outcome.REFUSED);
    }

    @Test
    void noAnswerInTimeMeansTimeout() {
        assertThat(EtcdProbe.classify(new TargetException(Kind.TIMEOUT, "no answer")).outcome())
                .isEqualTo(Outcome.TIMEOUT);
    }

    @Test
    void anErrorAnswerIsAFailure() {
        assertThat(EtcdProbe.classify(new TargetException(Kind.FAILED, "etcdserver: no leader")).outcome())
                .isEqualTo(Outcome.FAILED);
    }
}
