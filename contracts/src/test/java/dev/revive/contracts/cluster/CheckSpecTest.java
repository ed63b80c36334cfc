package dev.revive.contracts.cluster;

import static dev.revive.contracts.Violations.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.CheckSpec.Aggregate;
import dev.revive.contracts.cluster.CheckSpec.Type;
import dev.revive.contracts.validation.ContractViolation.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Declared checks of the generic kind: defaults that make the short form work, and refusals of what cannot run. */
class CheckSpecTest {

    @Test
    void httpCheckDefaultsToGetSlashExpecting200OnTheClientEndpointOfEveryNodeAndProbes() {
        CheckSpec check = new CheckSpec("health", Type.HTTP, null, null, null, null, null, null, null, null, null, null,
                null);

        assertThat(check.endpoint()).isEqualTo("client");
        assertThat(check.path()).isEqualTo("/");
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.exitCode()).isZero();
        assertThat(check.aggregate()).isEqualTo(Aggregate.EVERY_NODE);
        assertThat(check.maxLag()).isZero();
        assertThat(check.command()).isEmpty();
        assertThat(check.probes()).isTrue();
    }

    @Test
    void clusterWideChecksDoNotProbeByDefault() {
        CheckSpec oneLeader = fourLetter("one-leader", "mntr", "zk_server_state", "leader", Aggregate.EXACTLY_ONE, null);
        CheckSpec caughtUp = fourLetter("zxid", "srvr", "Zxid", null, Aggregate.CAUGHT_UP, null);

        assertThat(oneLeader.probes()).isFalse();
        assertThat(caughtUp.probes()).isFalse();
    }

    @Test
    void everyNodeCheckMayOptOutOfProbing() {
        assertThat(fourLetter("serving", "mntr", "zk_server_state", "leader|follower", null, false).probes()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ruo", "ruokk", "RUOK", "ru k", "stat;"})
    void fourLetterCheckNeedsFourLowerCaseLetters(String word) {
        assertViolation(() -> fourLetter("ruok", word, null, "imok", null, null), "send", Reason.INVALID_VALUE);
    }

    @Test
    void fourLetterCheckWithoutAWordIsRefused() {
        assertViolation(() -> fourLetter("ruok", null, null, "imok", null, null), "send", Reason.INVALID_VALUE);
    }

    @Test
    void commandCheckNeedsAnAbsoluteProgram() {
        assertViolation(() -> command(List.of()), "command", Reason.MISSING_FIELD);
        assertViolation(() -> command(List.of("zkCli.sh", "ls", "/")), "command[0]", Reason.INVALID_VALUE);
        assertViolation(() -> command(List.of("/usr/bin/../bin/zkCli.sh")), "command[0]", Reason.INVALID_VALUE);
        assertViolation(() -> command(List.of("/usr/bin/zkCli.sh", " ")), "command[1]", Reason.MISSING_FIELD);
        assertThat(command(List.of("/usr/share/zookeeper/bin/zkCli.sh", "ls", "/")).command()).hasSize(3);
    }

    @Test
    void clusterWideAggregatesNeedAField() {
        assertViolation(() -> fourLetter("one-leader", "mntr", null, "leader", Aggregate.EXACTLY_ONE, null), "field",
                Reason.MISSING_FIELD);
        assertViolation(() -> fourLetter("zxid", "srvr", null, null, Aggregate.CAUGHT_UP, null), "field",
                Reason.MISSING_FIELD);
    }

    @Test
    void exactlyOneNeedsAnExpectationOrEveryAnsweringNodeWouldMatch() {
        assertViolation(() -> fourLetter("one-leader", "mntr", "zk_server_state", null, Aggregate.EXACTLY_ONE, null),
                "expect", Reason.MISSING_FIELD);
    }

    @Test
    void clusterWideCheckCannotProbeOneNode() {
        assertViolation(() -> fourLetter("one-leader", "mntr", "zk_server_state", "leader", Aggregate.EXACTLY_ONE, true),
                "probe", Reason.INVALID_VALUE);
    }

    @Test
    void expectationMustBeARegularExpression() {
        assertViolation(() -> fourLetter("serving", "mntr", "zk_server_state", "leader|(follower", null, null), "expect",
                Reason.INVALID_VALUE);
    }

    @Test
    void badEndpointPathStatusAndLagAreRefused() {
        assertViolation(() -> new CheckSpec("h", Type.HTTP, "admin", null, null, null, null, null, null, null, null, null,
                null), "endpoint", Reason.INVALID_VALUE);
        assertViolation(() -> new CheckSpec("h", Type.HTTP, null, "health", null, null, null, null, null, null, null, null,
                null), "path", Reason.INVALID_VALUE);
        assertViolation(() -> new CheckSpec("h", Type.HTTP, null, null, 99, null, null, null, null, null, null, null,
                null), "status", Reason.INVALID_VALUE);
        assertViolation(() -> new CheckSpec("z", Type.FOUR_LETTER, null, null, null, "srvr", "Zxid", null, null, null,
                Aggregate.CAUGHT_UP, -1L, null), "maxLag", Reason.INVALID_VALUE);
        assertViolation(() -> new CheckSpec("a/b", Type.TCP, null, null, null, null, null, null, null, null, null, null,
                null), "name", Reason.INVALID_ID);
    }

    @Test
    void specRefusesTwoChecksWithOneName() {
        CheckSpec ruok = fourLetter("ruok", "ruok", null, "imok", null, null);

        assertViolation(() -> new ClusterSpec("zookeeper-3", SystemKind.GENERIC, List.of(node()), null,
                new BackupLocation("/var/backups/zk"), List.of(ruok, ruok), null), "checks[1].name", Reason.INVALID_VALUE);
    }

    private static CheckSpec fourLetter(String name, String send, String field, String expect, Aggregate aggregate,
            Boolean probe) {
        return new CheckSpec(name, Type.FOUR_LETTER, null, null, null, send, field, expect, null, null, aggregate, null,
                probe);
    }

    private static CheckSpec command(List<String> command) {
        return new CheckSpec("cli", Type.COMMAND, null, null, null, null, null, null, command, null, null, null, null);
    }

    private static NodeSpec node() {
        return new NodeSpec("zk1", null, new Endpoints("tcp://127.0.0.1:2181", null), new DockerControl("zk1"),
                "/var/lib/zk1/data", List.of(), List.of());
    }
}
