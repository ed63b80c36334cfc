package dev.revive.e2e;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.testkit.EtcdCluster;
import java.nio.file.Path;

/**
 * How a {@link ReviveStack} gets its target etcd cluster ({@link ReviveStack#startWithTarget}): it starts the
 * cluster, then describes it as the spec an operator would write for it. {@link PlainTarget} is the default (three
 * plain members); {@link FencedTarget} is a secure cluster with a fenced application role.
 */
public interface TargetFixture {

    /** Starts the target cluster and returns it once every member is healthy; leaves nothing behind if it fails. */
    EtcdCluster start();

    /** The spec of {@code cluster} (started by {@link #start()}) with id {@code clusterId}, its files below {@code workDir}. */
    ClusterSpec describe(String clusterId, EtcdCluster cluster, Path workDir);
}
