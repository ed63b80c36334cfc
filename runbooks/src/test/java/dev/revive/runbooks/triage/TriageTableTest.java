package dev.revive.runbooks.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.cluster.TriageResponse;
import dev.revive.contracts.cluster.TriageRule;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.runbooks.Specs;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TriageTableTest {

    /** One case per default row (the WARNING / INFO rows by their kinds), written out independently of the table. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "PROCESS_DOWN, CRITICAL, RESTART",
            "UNREACHABLE, CRITICAL, CONFIRM_THEN_RESTART",
            "UNHEALTHY, CRITICAL, RESTART",
            "DISK_FULL, CRITICAL, APPROVAL",
            "RESOURCE_EXHAUSTED, CRITICAL, RESTART_IF_SUSTAINED",
            "LOCK_CONTENTION, CRITICAL, RESTART_IF_SUSTAINED",
            "LOG_ERROR, CRITICAL, RESTART_IF_SUSTAINED",
            "REPLICA_DIVERGED, CRITICAL, APPROVAL",
            "PROCESS_DOWN, WARNING, NOTICE",
            "UNREACHABLE, WARNING, NOTICE",
            "UNHEALTHY, WARNING, NOTICE",
            "DISK_FULL, WARNING, NOTICE",
            "RESOURCE_EXHAUSTED, WARNING, NOTICE",
            "LOCK_CONTENTION, WARNING, NOTICE",
            "LOG_ERROR, WARNING, NOTICE",
            "REPLICA_DIVERGED, WARNING, NOTICE",
            "PROCESS_DOWN, INFO, NOTICE",
            "UNREACHABLE, INFO, NOTICE",
            "UNHEALTHY, INFO, NOTICE",
            "DISK_FULL, INFO, NOTICE",
            "RESOURCE_EXHAUSTED, INFO, NOTICE",
            "LOCK_CONTENTION, INFO, NOTICE",
            "LOG_ERROR, INFO, NOTICE",
            "REPLICA_DIVERGED, INFO, NOTICE"})
    void defaultRowGivesItsResponse(FaultKind kind, Severity severity, TriageResponse expected) {
        assertThat(TriageTable.respond(Specs.etcd(), kind, severity)).isEqualTo(expected);
        assertThat(TriageTable.overridden(Specs.etcd(), kind, severity)).isFalse();
    }

    @Test
    void warningRowsComeBeforeTheKindRows() {
        int firstKindRow = TriageTable.DEFAULT_ROWS.indexOf(
                new TriageRule(FaultKind.PROCESS_DOWN, null, TriageResponse.RESTART));

        assertThat(TriageTable.DEFAULT_ROWS.subList(0, firstKindRow))
                .allSatisfy(row -> assertThat(row.response()).isEqualTo(TriageResponse.NOTICE));
    }

    @Test
    void specRowComesBeforeTheDefaults() {
        // given a cluster whose policy restarts on a full disk and only notices a critical UNHEALTHY
        Policy policy = new Policy(PlanMode.AUTO, 1, null, null, List.of(
                new TriageRule(FaultKind.DISK_FULL, null, TriageResponse.RESTART),
                new TriageRule(FaultKind.UNHEALTHY, Severity.CRITICAL, TriageResponse.NOTICE)), null);

        // then its rows win, and the rows it does not override stay the defaults
        var spec = Specs.cluster(SystemKind.ETCD, policy);
        assertThat(TriageTable.respond(spec, FaultKind.DISK_FULL, Severity.CRITICAL)).isEqualTo(TriageResponse.RESTART);
        assertThat(TriageTable.respond(spec, FaultKind.UNHEALTHY, Severity.CRITICAL)).isEqualTo(TriageResponse.NOTICE);
        assertThat(TriageTable.overridden(spec, FaultKind.DISK_FULL, Severity.CRITICAL)).isTrue();
        assertThat(TriageTable.respond(spec, FaultKind.PROCESS_DOWN, Severity.CRITICAL))
                .isEqualTo(TriageResponse.RESTART);
    }
}
