package dev.revive.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckTest {

    @TempDir
    Path specs;

    @Test
    void acceptsAUsableConfiguration() {
        assertThat(ConfigCheck.problems(config(specs, Duration.ofSeconds(1), 3))).isEmpty();
    }

    @Test
    void namesEveryBrokenKey() {
        DetectorConfig broken = config(specs.resolve("missing"), Duration.ZERO, 0);

        assertThat(ConfigCheck.problems(broken)).hasSize(5)
                .anyMatch(problem -> problem.startsWith("revive.detector.specs-dir:"))
                .anyMatch(problem -> problem.startsWith("revive.detector.probe.interval:"))
                .anyMatch(problem -> problem.startsWith("revive.detector.logs.interval:"))
                .anyMatch(problem -> problem.startsWith("revive.detector.resources.interval:"))
                .anyMatch(problem -> problem.startsWith("revive.detector.probe.failure-threshold:"));
        assertThatThrownBy(() -> ConfigCheck.validate(broken)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("revive.detector.specs-dir");
    }

    private static DetectorConfig config(Path specsDir, Duration interval, int failureThreshold) {
        DetectorConfig.Probe probe = new DetectorConfig.Probe() {
            public Duration interval() {
                return interval;
            }

            public Duration timeout() {
                return Duration.ofMillis(500);
            }

            public int failureThreshold() {
                return failureThreshold;
            }

            public int recoveryThreshold() {
                return 2;
            }
        };
        DetectorConfig.Api api = new DetectorConfig.Api() {
            public Optional<String> token() {
                return Optional.of("a-long-enough-token");
            }

            public Optional<Path> tokenFile() {
                return Optional.empty();
            }

            public Duration ackTimeout() {
                return Duration.ofSeconds(10);
            }
        };
        DetectorConfig.Logs logs = new DetectorConfig.Logs() {
            public Duration interval() {
                return interval;
            }

            public long maxBytesPerRead() {
                return 1 << 20;
            }

            public int maxLineBytes() {
                return 8192;
            }
        };
        DetectorConfig.Resources resources = () -> interval;
        return new DetectorConfig() {
            public Path specsDir() {
                return specsDir;
            }

            public boolean followRegistrations() {
                return true;
            }

            public String source() {
                return "/revive/detector";
            }

            public Probe probe() {
                return probe;
            }

            public Logs logs() {
                return logs;
            }

            public Resources resources() {
                return resources;
            }

            public Api api() {
                return api;
            }

            public Alerts alerts() {
                return null; // ConfigCheck does not read the alert rules: AlertBeans checks them at start
            }
        };
    }
}
