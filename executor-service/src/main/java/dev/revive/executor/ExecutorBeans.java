package dev.revive.executor;

import dev.revive.contracts.time.IdSource;
import dev.revive.runbooks.Runbooks;
import dev.revive.targets.driver.NodeDrivers;
import dev.revive.targets.kind.TargetKinds;
import dev.revive.targets.kind.TargetSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The executor's injected collaborators: time, ids, and the registries of kinds, node drivers and runbooks. */
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
}
