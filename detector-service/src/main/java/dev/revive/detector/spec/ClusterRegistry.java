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
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The clusters this detector knows: the valid specs of {@code revive.detector.specs-dir}, loaded
 * once when the bean is first used. A bad or unsigned file is logged at ERROR with its field and skipped.
 */
@ApplicationScoped
public class ClusterRegistry {

    private static final Logger LOG = Logger.getLogger(ClusterRegistry.class);

    @Inject
    DetectorConfig config;
    @Inject
    TrustedKeys trusted;

    private Map<String, SignedSpec> specs = Map.of();

    @PostConstruct
    void load() {
        SpecDirectory.Loaded loaded = SpecDirectory.load(config.specsDir(), trusted);
        loaded.rejected().forEach(rejected -> LOG.errorf("cluster spec %s skipped: field '%s': %s",
                rejected.file(), LogSafe.text(rejected.field()), LogSafe.text(rejected.detail())));
        Map<String, SignedSpec> byId = new LinkedHashMap<>();
        for (SignedSpec signed : loaded.signed()) {
            ClusterSpec spec = signed.spec();
            byId.put(spec.id(), signed);
            MDC.put("clusterId", spec.id());
            LOG.infof("cluster %s loaded: %s, nodes %s, signed by key %s", spec.id(), spec.kind(),
                    spec.nodes().stream().map(NodeSpec::id).toList(), signed.keyId());
            MDC.remove("clusterId");
        }
        LOG.infof("%d cluster spec(s) loaded from %s, %d skipped", byId.size(), config.specsDir(),
                loaded.rejected().size());
        specs = Collections.unmodifiableMap(byId);
    }

    /** Every loaded spec, in file name order. */
    public Collection<ClusterSpec> all() {
        return specs.values().stream().map(SignedSpec::spec).toList();
    }

    /** Every loaded spec with its signature, in file name order (for publishing). */
    public Collection<SignedSpec> signed() {
        return specs.values();
    }

    /** The spec of {@code clusterId}, if it was loaded. */
    public Optional<ClusterSpec> find(String clusterId) {
        return Optional.ofNullable(specs.get(clusterId)).map(SignedSpec::spec);
    }
}
