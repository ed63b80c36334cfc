package dev.revive.executor;

import dev.revive.contracts.time.IdSource;
import dev.revive.targets.driver.NodeDriver;
import dev.revive.targets.driver.ProcessDriver;
import dev.revive.targets.etcd.EtcdAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The executor's injected collaborators: time, ids, the node driver and the target etcd adapter. */
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
    NodeDriver nodeDriver() {
        return new ProcessDriver();
    }

    @Produces
    @Singleton
    EtcdAdapter etcdAdapter(ExecutorConfig config) {
        return new EtcdAdapter(config.target().callTimeout());
    }

    void closeEtcdAdapter(@Disposes EtcdAdapter adapter) {
        adapter.close();
    }
}
