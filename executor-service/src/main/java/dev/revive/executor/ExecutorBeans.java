package dev.revive.executor;

import dev.revive.contracts.time.IdSource;
import dev.revive.contracts.tracing.Tracing;
import dev.revive.contracts.trust.TrustedKeys;
import dev.revive.runbooks.Runbooks;
import dev.revive.targets.driver.NodeDrivers;
import dev.revive.targets.kind.TargetKinds;
import dev.revive.targets.kind.TargetSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The executor's injected collaborators: time, ids, the operators' trusted keys, and the registries of kinds,
 * node drivers and runbooks.
 */
@ApplicationScoped
public class ExecutorBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    IdSource ids() {
        return IdSource.random();
    }

    /** The keys of {@code revive.trust.public-keys}; without one the executor does not start. */
    @Produces
    @Singleton
    TrustedKeys trustedKeys(@ConfigProperty(name = TrustedKeys.CONFIG_KEY) List<String> keys) {
        return TrustedKeys.load(keys);
    }

    @Produces
    @Singleton
    TargetKinds targetKinds(ExecutorConfig config) {
        return TargetKinds.standard(new TargetSettings(config.target().callTimeout()));
    }

    void closeTargetKinds(@Disposes TargetKinds kinds) {
        kinds.close();
    }

    @Produces
    @Singleton
    NodeDrivers nodeDrivers() {
        return NodeDrivers.standard();
    }

    @Produces
    @Singleton
    Runbooks runbooks() {
        return Runbooks.standard();
    }

    /** The executor's part of the incidents' traces; exported only when {@code revive.tracing.otlp-endpoint} is set. */
    @Produces
    @Singleton
    Tracing tracing(Config config) {
        return Tracing.configured("revive-executor", name -> config.getOptionalValue(name, String.class));
    }

    void closeTracing(@Disposes Tracing tracing) {
        tracing.close();
    }
}
