package dev.revive.detector;

import dev.revive.contracts.kafka.Topics;
import dev.revive.service.api.RateLimitRoute;
import dev.revive.testkit.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The one profile of the detector's ITs, so that they share one application: a real KRaft broker
 * with the topics created, a real 3-member etcd cluster described by a spec file, fast probes and log reads.
 */
public class DetectorTestProfile implements QuarkusTestProfile {

    /** The API token of the test application. */
    public static final String TOKEN = "it-token-0123456789";
    /** The sustained POST rate per client address, low so that a test can go past the burst at any speed. */
    public static final int POSTS_PER_SECOND = 1;
    /** The probe interval of the test application, in milliseconds. */
    public static final int PROBE_INTERVAL_MS = 200;
    /** The PagerDuty routing key the test application accepts (the sample payloads under {@code alerts/} carry it). */
    public static final String ROUTING_KEY = "it-routing-key-0123456789abcdef";
    /** Consecutive failures before a fault. */
    public static final int FAILURE_THRESHOLD = 3;

    private static final String TOPICS = Topics.Names.CLUSTERS + ":1:compact," + Topics.Names.FAULTS + ","
            + Topics.Names.DLQ;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "revive.detector.api.token", TOKEN,
                "revive.detector.alerts.pagerduty-routing-keys", ROUTING_KEY,
                RateLimitRoute.PER_SECOND, Integer.toString(POSTS_PER_SECOND),
                "revive.detector.probe.interval", PROBE_INTERVAL_MS + "ms",
                "revive.detector.probe.timeout", "500ms",
                "revive.detector.probe.failure-threshold", Integer.toString(FAILURE_THRESHOLD),
                "revive.detector.probe.recovery-threshold", "2",
                "revive.detector.logs.interval", "200ms",
                "revive.detector.resources.interval", "1s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(KafkaBrokerResource.class, Map.of(KafkaBrokerResource.TOPICS, TOPICS), true),
                new TestResourceEntry(SpecDirectoryResource.class, Map.of(), true));
    }
}
