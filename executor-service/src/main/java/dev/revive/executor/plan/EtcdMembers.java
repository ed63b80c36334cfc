package dev.revive.executor.plan;

import dev.revive.targets.etcd.MemberStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The questions the executor asks a target etcd cluster's members; every call is bounded. */
public interface EtcdMembers {

    /** The member's status, or empty when it does not answer. */
    Optional<MemberStatus> status(String endpoint);

    /** True when the member answers and knows a leader. */
    boolean isHealthy(String endpoint);

    /** The status of the member that answers as leader, if any. */
    Optional<MemberStatus> leader(List<String> endpoints);

    /** Writes a snapshot of the member's database to {@code file} atomically; returns its size in bytes. */
    long snapshot(String endpoint, Path file);
}
