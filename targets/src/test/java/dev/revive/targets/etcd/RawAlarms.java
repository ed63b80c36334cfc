package dev.revive.targets.etcd;

import io.etcd.jetcd.api.AlarmRequest;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.maintenance.AlarmMember;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Raises an etcd alarm the way etcd's own integration tests do: the Maintenance {@code Alarm} RPC with action
 * {@code ACTIVATE}, which jetcd does not expose (it lists and disarms only). The alarm goes through raft like one a
 * member raises itself when its database reaches its quota.
 */
final class RawAlarms {

    private RawAlarms() {
    }

    /** Activates {@code alarm} through the member at {@code clientUrl} (plain http), bounded by {@code timeout}. */
    static void activate(String clientUrl, AlarmMember alarm, Duration timeout) throws InterruptedException {
        URI uri = URI.create(clientUrl);
        ManagedChannel channel = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort()).usePlaintext().build();
        try {
            MaintenanceGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .alarm(AlarmRequest.newBuilder().setAction(AlarmRequest.AlarmAction.ACTIVATE)
                            .setMemberID(alarm.getMemberId())
                            .setAlarm(io.etcd.jetcd.api.AlarmType.valueOf(alarm.getAlarmType().name())).build());
        } finally {
            channel.shutdownNow().awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
