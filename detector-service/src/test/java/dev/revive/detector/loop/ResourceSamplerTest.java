package dev.revive.detector.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.ResourceLimits;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.detector.domain.Finding;
import dev.revive.detector.domain.NodeRef;
import dev.revive.detector.resources.ResourceSample;
import dev.revive.detector.resources.ResourceWatch;
import dev.revive.targets.driver.NodeDriver;
import dev.revive.targets.driver.NodeDrivers;
import dev.revive.targets.kind.NodeMeasures;
import dev.revive.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real process sampled through the process driver and /proc, its success rate from its kind's measures. */
class ResourceSamplerTest {

    private static final Duration HOLD = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
    private NodeDriver driver;
    private NodeSpec node;

    @AfterEach
    void stopTheProcess() {
        if (driver != null) {
            driver.forceKill(node);
        }
    }

    @Test
    void aRunningNodesSuccessRateBelowItsFloorRaisesOneSuccessRateFaultWithItsSeries() {
        // given a running process whose kind measures a success rate of 90 %
        node = node();
        driver = NodeDrivers.standard().find(node).orElseThrow();
        long pid = driver.start(node);
        ClusterSpec cluster = new ClusterSpec("c1", SystemKind.GENERIC, List.of(node), Policy.defaults(),
                new BackupLocation(dir.resolve("backup").toString()));
        AtomicReference<Double> rate = new AtomicReference<>(90.0);
        NodeMeasures measures = (spec, measured) -> Map.of(NodeMeasures.SUCCESS_RATE_PERCENT, rate.get());
        ResourceSampler sampler = new ResourceSampler(new NodeRef("c1", "n1", "http://127.0.0.1:1"), cluster, node,
                driver, measures, clock);
        ResourceWatch watch = new ResourceWatch(new ResourceLimits(100_000, null, 0, null, 100, null, 100, null,
                100, 3_600_000, null, 100, null, 95, HOLD));

        // when it is sampled three times a second apart
        List<ResourceSample> samples = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (int second = 0; second <= 2; second++) {
            ResourceSample sample = sampler.sample();
            samples.add(sample);
            findings.addAll(watch.observe(sample));
            clock.advance(Duration.ofSeconds(1));
        }

        // then each sample describes the process, and the success rate held below 95 % for 2 s is one fault
        assertThat(samples).allSatisfy(sample -> {
            assertThat(sample.process()).isNotNull();
            assertThat(sample.process().pid()).isEqualTo(pid);
            assertThat(sample.process().memoryLimitBytes()).isPositive();
            assertThat(sample.successRatePercent()).hasValue(90.0);
        });
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(FaultKind.RESOURCE_EXHAUSTED);
            assertThat(finding.condition()).isEqualTo("success-rate");
            assertThat(finding.evidence()).containsEntry(ResourceWatch.HELD_FOR, "PT2S")
                    .containsEntry(ResourceWatch.SERIES, "2026-11-30T10:00:00Z=90.0,2026-11-30T10:00:01Z=90.0,"
                            + "2026-11-30T10:00:02Z=90.0");
        });
    }

    @Test
    void measuresThatFailGiveNoSuccessRateAndTheProcessIsStillSampled() {
        // given a node that does not run and a kind whose measures throw
        node = node();
        NodeDriver notStarted = NodeDrivers.standard().find(node).orElseThrow();
        NodeMeasures failing = (spec, measured) -> {
            throw new IllegalStateException("REST endpoint gone");
        };
        ResourceSampler sampler = new ResourceSampler(new NodeRef("c1", "n1", "http://127.0.0.1:1"), null, node,
                notStarted, failing, clock);

        // when it is sampled
        ResourceSample sample = sampler.sample();

        // then there is neither a process nor a success rate, and the data dir's disk is still measured
        assertThat(sample.process()).isNull();
        assertThat(sample.successRatePercent()).isEmpty();
        assertThat(sample.diskPercent()).isPresent();
    }

    private NodeSpec node() {
        ProcessControl control = new ProcessControl(List.of("/bin/sleep", "600"), null, Map.of(),
                dir.resolve("n1.pid").toString(), dir.resolve("n1.log").toString(), null);
        return new NodeSpec("n1", NodeRole.MEMBER, new Endpoints("http://127.0.0.1:1", null), control,
                dir.resolve("data").toString(), List.of(dir.resolve("n1.log").toString()), List.of());
    }
}
