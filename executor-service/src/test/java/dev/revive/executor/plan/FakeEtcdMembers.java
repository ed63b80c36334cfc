package dev.revive.executor.plan;

import dev.revive.targets.etcd.MemberStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Etcd members whose answers the test sets: an endpoint without a status does not answer. */
final class FakeEtcdMembers implements EtcdMembers {

    final Map<String, MemberStatus> statuses = new HashMap<>();
    final List<String> snapshots = new ArrayList<>();

    /** The member at {@code endpoint} answers with this raft index, following {@code leaderId}. */
    void answers(String endpoint, long memberId, long leaderId, long raftIndex) {
        statuses.put(endpoint, new MemberStatus(endpoint, memberId, leaderId, raftIndex, 2, raftIndex, "3.4.23", 4096));
    }

    void silent(String endpoint) {
        statuses.remove(endpoint);
    }

    @Override
    public Optional<MemberStatus> status(String endpoint) {
        return Optional.ofNullable(statuses.get(endpoint));
    }

    @Override
    public boolean isHealthy(String endpoint) {
        return status(endpoint).map(MemberStatus::hasLeader).orElse(false);
    }

    @Override
    public Optional<MemberStatus> leader(List<String> endpoints) {
        return endpoints.stream().map(this::status).flatMap(Optional::stream).filter(MemberStatus::isLeader).findFirst();
    }

    @Override
    public long snapshot(String endpoint, Path file) {
        snapshots.add(endpoint);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, new byte[] {1, 2, 3});
            return 3;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
