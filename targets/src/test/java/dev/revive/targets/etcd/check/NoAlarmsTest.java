package dev.revive.targets.etcd.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.etcd.MemberAlarm;
import org.junit.jupiter.api.Test;

class NoAlarmsTest {

    private final FakeCluster cluster = FakeCluster.healthy(3);
    private final NoAlarms check = new NoAlarms();

    @Test
    void passesWhenNoAlarmIsActive() {
        // when
        CheckResult result = check.run(Contexts.of(cluster));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.observed()).isEqualTo("no active alarm (asked m0)");
    }

    @Test
    void anActiveAlarmFailsNamingItsTypeAndMember() {
        // given: m1 (member id 2) ran out of space
        cluster.alarms.add(new MemberAlarm(2, "NOSPACE"));

        // when
        CheckResult result = check.run(Contexts.of(cluster));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).isEqualTo("active alarm(s): NOSPACE on m1");
        assertThat(result.evidence()).containsEntry("m1", "NOSPACE");
    }

    @Test
    void asksTheNextAnsweringMemberWhenTheFirstIsSilent() {
        // given
        cluster.silent("m0");
        cluster.alarms.add(new MemberAlarm(3, "CORRUPT"));

        // when
        CheckResult result = check.run(Contexts.of(cluster));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).containsEntry("asked", "m1").containsEntry("m2", "CORRUPT");
    }
}
