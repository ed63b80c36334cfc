package dev.revive.targets.etcd;

import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.plan.Action;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.driver.NodeDrivers;
import dev.revive.targets.etcd.check.EtcdChecks;
import dev.revive.targets.kind.AbstractKindPlugin;
import dev.revive.targets.kind.TargetSettings;
import java.util.Map;

/**
 * etcd through jetcd: one {@link EtcdAdapter} (every call bounded) behind the probe, the status reader and the
 * SNAPSHOT, write fence (FENCE_WRITES / UNFENCE), MOVE_LEADER and REPLACE_MEMBER actions, beside BACKUP_DATA and
 * RESTORE_SNAPSHOT (local files of a stopped member); the checks open their own adapter per round, so that every
 * round starts with fresh connections.
 */
public final class EtcdPlugin extends AbstractKindPlugin {

    private final EtcdAdapter etcd;

    public EtcdPlugin(TargetSettings settings) {
        this(new EtcdAdapter(settings.callTimeout()), settings);
    }

    private EtcdPlugin(EtcdAdapter etcd, TargetSettings settings) {
        super(SystemKind.ETCD, new EtcdProbe(etcd), new EtcdStatusReader(etcd), new EtcdChecks(settings.callTimeout()),
                actions(etcd));
        this.etcd = etcd;
    }

    private static Map<Action, ActionHandler> actions(EtcdAdapter etcd) {
        EtcdWriteFence fence = new EtcdWriteFence(etcd);
        NodeDrivers drivers = NodeDrivers.standard();
        return Map.of(Action.SNAPSHOT, new EtcdSnapshotAction(etcd), Action.FENCE_WRITES, fence.fence(),
                Action.UNFENCE, fence.unfence(), Action.MOVE_LEADER, new EtcdMoveLeaderAction(etcd),
                Action.REPLACE_MEMBER, new EtcdReplaceMemberAction(etcd, drivers),
                Action.BACKUP_DATA, new EtcdBackupDataAction(drivers),
                Action.RESTORE_SNAPSHOT, new EtcdRestoreSnapshotAction(etcd, drivers));
    }

    @Override
    public void close() {
        etcd.close();
    }
}
