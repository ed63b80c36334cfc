package dev.revive.detector;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The rules a {@link DetectorConfig} must satisfy; the detector refuses to start otherwise. */
public final class ConfigCheck {

    private static final String PREFIX = "revive.detector.";

    private ConfigCheck() {
    }

    /** Every broken rule, as {@code key: problem}; empty when the configuration is usable. */
    public static List<String> problems(DetectorConfig config) {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(config.specsDir())) {
            problems.add(PREFIX + "specs-dir: '" + config.specsDir() + "' is not a directory");
        }
        if (!config.source().startsWith("/")) {
            problems.add(PREFIX + "source: must be a URI path such as /revive/detector but was '" + config.source() + "'");
        }
        positive(problems, "probe.interval", config.probe().interval());
        positive(problems, "probe.timeout", config.probe().timeout());
        atLeastOne(problems, "probe.failure-threshold", config.probe().failureThreshold());
        atLeastOne(problems, "probe.recovery-threshold", config.probe().recoveryThreshold());
        positive(problems, "logs.interval", config.logs().interval());
        atLeastOne(problems, "logs.max-bytes-per-read", config.logs().maxBytesPerRead());
        atLeastOne(problems, "logs.max-line-bytes", config.logs().maxLineBytes());
        positive(problems, "resources.interval", config.resources().interval());
        positive(problems, "api.ack-timeout", config.api().ackTimeout());
        return problems;
    }

    /** Throws {@link IllegalStateException} naming every broken rule. */
    public static void validate(DetectorConfig config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid detector configuration:\n  " + String.join("\n  ", problems));
        }
    }

    private static void positive(List<String> problems, String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            problems.add(PREFIX + key + ": must be positive but was " + value);
        }
    }

    private static void atLeastOne(List<String> problems, String key, long value) {
        if (value < 1) {
            problems.add(PREFIX + key + ": must be at least 1 but was " + value);
        }
    }
}
