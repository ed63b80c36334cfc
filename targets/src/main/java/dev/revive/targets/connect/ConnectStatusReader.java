package dev.revive.targets.connect;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.runbooks.disruption.MemberRole;
import dev.revive.runbooks.disruption.MemberView;
import dev.revive.targets.TargetException;
import dev.revive.targets.kind.NodeByNodeStatusReader;
import java.util.List;

/**
 * A member view per worker: answering when its REST API answers, healthy when it also runs none of its tasks
 * FAILED or UNASSIGNED. Workers have no roles and no log position (role UNKNOWN, position 0), so the caught-up
 * wait passes as soon as the worker is healthy.
 */
public final class ConnectStatusReader implements NodeByNodeStatusReader {

    private final ConnectRest rest;

    public ConnectStatusReader(ConnectRest rest) {
        this.rest = rest;
    }

    @Override
    public MemberView member(ClusterSpec spec, NodeSpec node) {
        try {
            WorkerTasks tasks = WorkerTasks.read(rest, node);
            List<WorkerTasks.ConnectorTask> bad = tasks.tasks().stream()
                    .filter(task -> ConnectorStatus.FAILED.equals(task.task().state())
                            || ConnectorStatus.UNASSIGNED.equals(task.task().state()))
                    .toList();
            String detail = bad.isEmpty() ? tasks.tasks().size() + " task(s), none failed"
                    : bad.stream().map(WorkerTasks.ConnectorTask::describe).toList().toString();
            return new MemberView(node.id(), true, bad.isEmpty(), MemberRole.UNKNOWN, 0, detail);
        } catch (TargetException e) {
            return new MemberView(node.id(), false, false, MemberRole.UNKNOWN, 0, e.kind() + ": " + e.getMessage());
        }
    }
}
