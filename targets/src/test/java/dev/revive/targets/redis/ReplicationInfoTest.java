package dev.revive.targets.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.targets.TargetException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** Parsing of INFO answers as Redis 7 writes them, and the classification of Lettuce failures. */
class ReplicationInfoTest {

    private static final String PRIMARY = """
            # Server\r
            redis_version:7.0.15\r
            run_id:4f1c0b7a2d9e8c6b5a4f3e2d1c0b9a8f7e6d5c4b\r
            \r
            # Replication\r
            role:master\r
            connected_slaves:2\r
            slave0:ip=127.0.0.1,port=40002,state=online,offset=1234,lag=0\r
            slave1:ip=127.0.0.1,port=40003,state=wait_bgsave,offset=0,lag=1\r
            master_failover_state:no-failover\r
            master_replid:0c9f3e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f\r
            master_repl_offset:1234\r
            second_repl_offset:-1\r
            repl_backlog_active:1\r
            """;

    private static final String REPLICA = """
            # Replication\r
            role:slave\r
            master_host:127.0.0.1\r
            master_port:40001\r
            master_link_status:down\r
            master_last_io_seconds_ago:-1\r
            master_sync_in_progress:0\r
            slave_read_repl_offset:1300\r
            slave_repl_offset:1290\r
            slave_priority:100\r
            slave_read_only:1\r
            replica_announced:1\r
            connected_slaves:0\r
            master_repl_offset:1290\r
            """;

    @Test
    void primaryAnswerGivesRoleOffsetRunIdAndListedReplicas() {
        ReplicationInfo info = ReplicationInfo.parse(PRIMARY, 100);

        assertThat(info.isPrimary()).isTrue();
        assertThat(info.roleName()).isEqualTo("PRIMARY");
        assertThat(info.offset()).isEqualTo(1234);
        assertThat(info.connectedReplicas()).isEqualTo(2);
        assertThat(info.runId()).isEqualTo("4f1c0b7a2d9e8c6b5a4f3e2d1c0b9a8f7e6d5c4b");
        assertThat(info.replicaPriority()).isEqualTo(100);
        assertThat(info.replicas()).containsExactly(
                new ReplicationInfo.LinkedReplica("127.0.0.1", 40002, "online", 1234, 0),
                new ReplicationInfo.LinkedReplica("127.0.0.1", 40003, "wait_bgsave", 0, 1));
        assertThat(info.linked()).isFalse();
    }

    @Test
    void replicaAnswerGivesItsPrimaryLinkAndProcessedOffset() {
        ReplicationInfo info = ReplicationInfo.parse(REPLICA, 0);

        assertThat(info.isReplica()).isTrue();
        assertThat(info.roleName()).isEqualTo("REPLICA");
        assertThat(info.follows("127.0.0.1", 40001)).isTrue();
        assertThat(info.follows("127.0.0.1", 40002)).isFalse();
        assertThat(info.linked()).isFalse();
        assertThat(info.offset()).isEqualTo(1290);
        assertThat(info.slaveReadReplOffset()).isEqualTo(1300);
        assertThat(info.replicaPriority()).isZero();
        assertThat(info.runId()).isNull();
    }

    @Test
    void replicaWithItsLinkUpIsLinked() {
        ReplicationInfo info = ReplicationInfo.parse(REPLICA.replace("master_link_status:down",
                "master_link_status:up"), 100);

        assertThat(info.linked()).isTrue();
    }

    @Test
    void persistenceAnswerSaysLoadingAndAofWriteFailure() {
        PersistenceInfo loading = PersistenceInfo.parse("# Persistence\r\nloading:1\r\naof_enabled:1\r\n"
                + "aof_rewrite_in_progress:0\r\naof_last_write_status:ok\r\n");
        PersistenceInfo failing = PersistenceInfo.parse("# Persistence\r\nloading:0\r\naof_rewrite_in_progress:1\r\n"
                + "aof_last_write_status:err\r\n");

        assertThat(loading.loading()).isTrue();
        assertThat(loading.aofWriteFailed()).isFalse();
        assertThat(failing.loading()).isFalse();
        assertThat(failing.aofRewriteInProgress()).isTrue();
        assertThat(failing.aofWriteFailed()).isTrue();
    }

    @Test
    void failuresAreClassifiedByType() {
        assertThat(RedisConnections.classify("redis://127.0.0.1:1", "PING",
                new RedisCommandExecutionException("ERR unknown")).kind()).isEqualTo(TargetException.Kind.FAILED);
        assertThat(RedisConnections.classify("redis://127.0.0.1:1", "PING",
                new RedisCommandTimeoutException("timed out")).kind()).isEqualTo(TargetException.Kind.TIMEOUT);
        assertThat(RedisConnections.classify("redis://127.0.0.1:1", "PING",
                new RedisConnectionException("no", new ConnectException("refused"))).kind())
                .isEqualTo(TargetException.Kind.REFUSED);
    }
}
