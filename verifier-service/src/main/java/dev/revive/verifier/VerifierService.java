package dev.revive.verifier;

import dev.revive.contracts.time.IdSource;
import dev.revive.contracts.tracing.Tracing;
import dev.revive.contracts.trust.TrustedKeys;
import dev.revive.targets.kind.TargetKinds;
import dev.revive.targets.kind.TargetSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;

/**
 * Starts the verifier when the application starts and stops it at shutdown. Only wiring: the
 * checks of each kind come from the targets' kind registry, the threads are in {@link VerifierRuntime},
 * the logic in the {@code check} and {@code report} packages.
 */
@ApplicationScoped
public class VerifierService {

    @Inject
    VerifierConfig config;
    @Inject
    Clock clock;
    @Inject
    IdSource ids;
    @Inject
    TrustedKeys trusted;
    @Inject
    Tracing tracing;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    private volatile VerifierRuntime runtime;
    private volatile TargetKinds kinds;

    void start(@Observes StartupEvent event) {
        kinds = TargetKinds.standard(new TargetSettings(config.checks().callTimeout()));
        runtime = VerifierRuntime.start(kafka, config, trusted, clock, ids, kinds::checks, VerifierRuntime::sleep,
                tracing);
    }

    void stop(@Observes ShutdownEvent event) {
        if (runtime != null) {
            runtime.close();
        }
        if (kinds != null) {
            kinds.close();
        }
    }

    /** True while the executions loop runs and the references are being read. */
    public boolean isReady() {
        VerifierRuntime current = runtime;
        return current != null && current.isReady();
    }

    /** False once the executions loop died or stalled, or the reference reader died; true before the start. */
    public boolean isLive() {
        VerifierRuntime current = runtime;
        return current == null || current.isLive();
    }
}
