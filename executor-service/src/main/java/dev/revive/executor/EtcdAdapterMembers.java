package dev.revive.executor;

import dev.revive.executor.plan.EtcdMembers;
import dev.revive.targets.etcd.EtcdAdapter;
import dev.revive.targets.etcd.MemberStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@link EtcdMembers} through the targets module's {@link EtcdAdapter}. */
final class EtcdAdapterMembers implements EtcdMembers {

    private final EtcdAdapter adapter;

    EtcdAdapterMembers(EtcdAdapter adapter) {
        this.adapter = adapter;
    }

    @Override
    public Optional<MemberStatus> status(String endpoint) {
        return adapter.statusIfAnswering(endpoint);
    }

    @Override
    public boolean isHealthy(String endpoint) {
        return adapter.isHealthy(endpoint);
    }

    @Override
    public Optional<MemberStatus> leader(List<String> endpoints) {
        return adapter.leader(endpoints);
    }

    @Override
    public long snapshot(String endpoint, Path file) {
        return adapter.snapshot(endpoint, file);
    }
}
