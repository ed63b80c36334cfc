package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void theEtcdMemberKillIsTheDefault() {
        DemoOptions options = DemoOptions.parse(new String[0]);

        assertThat(options.target()).isEqualTo(DemoOptions.Target.ETCD);
        assertThat(options.scenario()).isEqualTo(DemoOptions.Scenario.MEMBER_KILL);
    }

    @Test
    void eachBuiltScenarioIsParsedForTheEtcdTarget() {
        assertThat(DemoOptions.parse(new String[] {"--scenario", "rolling"}).scenario())
                .isEqualTo(DemoOptions.Scenario.ROLLING);
        assertThat(DemoOptions.parse(new String[] {"--target", "etcd", "--scenario", "replace"}).scenario())
                .isEqualTo(DemoOptions.Scenario.REPLACE);
        assertThat(DemoOptions.parse(new String[] {"--scenario", "cluster-crash"}).scenario())
                .isEqualTo(DemoOptions.Scenario.CLUSTER_CRASH);
        assertThat(DemoOptions.parse(new String[] {"--scenario", "member-kill", "--kill", "leader"}).killLeader())
                .isTrue();
    }

    @Test
    void redisIsATargetWhosePrimaryIsTheLeaderToKill() {
        DemoOptions options = DemoOptions.parse(new String[] {"--target", "redis", "--kill", "leader"});

        assertThat(options.target()).isEqualTo(DemoOptions.Target.REDIS);
        assertThat(options.killLeader()).isTrue();
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--target", "redis", "--scenario", "rolling"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--target redis");
    }

    @Test
    void rollbackIsAScenarioOfTheEtcdTarget() {
        assertThat(DemoOptions.parse(new String[] {"--scenario", "rollback"}).scenario())
                .isEqualTo(DemoOptions.Scenario.ROLLBACK);
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--scenario", "rollback", "--target", "kafka"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("etcd target only");
    }

    @Test
    void aScenarioForAnotherTargetThanEtcdIsRefusedInEitherOrder() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--target", "kafka", "--scenario", "rolling"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("etcd target only");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--scenario", "replace", "--target", "collector"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--target collector");
    }

    @Test
    void anUnknownScenarioOrAKillForAnotherScenarioIsRefused() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--scenario", "meltdown"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("meltdown");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--scenario", "rolling", "--kill", "leader"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("member-kill");
    }
}
