package dev.revive.detector.spec;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.trust.SignedSpec;
import dev.revive.contracts.trust.TrustedKeys;
import dev.revive.contracts.validation.LogSafe;
import dev.revive.detector.DetectorConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The clusters this detector knows: the valid specs of {@code revive.detector.specs-dir}, loaded once when the bean
 * is first used (a bad or unsigned file is logged at ERROR with its field and skipped), plus every trusted spec
 * registered at runtime on {@code revive.clusters} ({@link ClusterFeed}). Safe to read from any thread.
 */
@ApplicationScoped
public class ClusterRegistry {

    private static final Logger LOG = Logger.getLogger(ClusterRegistry.class);

    @Inject
    DetectorConfig config;
    @Inject
    TrustedKeys trusted;

    private volatile Map<String, SignedSpec> specs = Map.of();

    @PostConstruct
    void load() {
        SpecDirectory.Loaded loaded = SpecDirectory.load(config.specsDir(), trusted);
        loaded.rejected().forEach(rejected -> LOG.errorf("cluster spec %s skipped: field '%s': %s",
                rejected.file(), LogSafe.text(rejected.field()), LogSafe.text(rejected.detail())));
        Map<String, SignedSpec> byId = new LinkedHashMap<>();
        for (SignedSpec signed : loaded.signed()) {
            byId.put(signed.spec().id(), signed);
            logRegistered(signed, "loaded");
        }
        LOG.infof("%d cluster spec(s) loaded from %s, %d skipped", byId.size(), config.specsDir(),
                loaded.rejected().size());
        specs = Collections.unmodifiableMap(byId);
    }

    /**
     * Registers a trusted spec read at runtime (new, or a new version of a known cluster).
     *
     * @return true when the registry changed (a new cluster, or a spec that differs from the one it had)
     */
    public synchronized boolean register(SignedSpec signed) {
        SignedSpec earlier = specs.get(signed.spec().id());
        if (earlier != null && earlier.spec().equals(signed.spec())) {
            return false;
        }
        Map<String, SignedSpec> byId = new LinkedHashMap<>(specs);
        byId.put(signed.spec().id(), signed);
        specs = Collections.unmodifiableMap(byId);
        logRegistered(signed, earlier == null ? "registered at runtime" : "updated at runtime");
        return true;
    }

    /** Forgets {@code clusterId} (a trusted removal); true when it was known. */
    public synchronized boolean remove(String clusterId) {
        if (!specs.containsKey(clusterId)) {
            return false;
        }
        Map<String, SignedSpec> byId = new LinkedHashMap<>(specs);
        byId.remove(clusterId);
        specs = Collections.unmodifiableMap(byId);
        LOG.infof("cluster %s unregistered", LogSafe.text(clusterId));
        return true;
    }

    /** Every known spec: the directory's in file name order, then the runtime ones in arrival order. */
    public Collection<ClusterSpec> all() {
        return specs.values().stream().map(SignedSpec::spec).toList();
    }

    /** Every known spec with its signature, in the order of {@link #all()} (for publishing). */
    public List<SignedSpec> signed() {
        return List.copyOf(specs.values());
    }

    /** The spec of {@code clusterId}, if it is known. */
    public Optional<ClusterSpec> find(String clusterId) {
        return Optional.ofNullable(specs.get(clusterId)).map(SignedSpec::spec);
    }

    private static void logRegistered(SignedSpec signed, String how) {
        ClusterSpec spec = signed.spec();
        MDC.put("clusterId", spec.id());
        LOG.infof("cluster %s %s: %s, nodes %s, signed by key %s", spec.id(), how, spec.kind(),
                spec.nodes().stream().map(NodeSpec::id).toList(), signed.keyId());
        MDC.remove("clusterId");
    }
}
