package dev.revive.contracts;

import static dev.revive.contracts.Violations.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.revive.contracts.cluster.DockerControl;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.RestartBudget;
import dev.revive.contracts.cluster.SystemdControl;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.json.EventCodec;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.plan.StepParams;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.contracts.validation.Check;
import dev.revive.contracts.validation.ContractViolation.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The compact constructors make invalid records impossible and name the field that is wrong. */
class ValidationTest {

    private static final Instant AT = Instant.parse("2025-03-14T09:26:53.120Z");
    private static final String DATA_DIR = "/var/lib/revive/etcd-3/infra2/data";

    @ParameterizedTest
    @ValueSource(strings = {"-infra2", "--force", ".hidden", "infra 2", "infra2;rm -rf /", "etcd-3/infra2", "..", "a..b", ".", "", "infra2\n", "ünïcode"})
    void idOutsideThePatternIsRejected(String id) {
        assertViolation(() -> Check.id("nodeId", id), "nodeId", Reason.INVALID_ID);
    }

    @Test
    void idOf129CharactersIsRejectedAnd128Accepted() {
        assertViolation(() -> Check.id("planId", "p".repeat(129)), "planId", Reason.INVALID_ID);
        assertThatCode(() -> Check.id("planId", "p".repeat(128))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"etcd-3", "infra2", "flt-20250314T092653Z-infra2-process", "v1.2_rc-3", "a.b"})
    void idInsideThePatternIsAccepted(String id) {
        assertThat(Check.id("clusterId", id)).isEqualTo(id);
    }

    @Test
    void faultEventNamesItsMissingOrBadField() {
        assertViolation(() -> fault("flt-1", null, Map.of()), "clusterId", Reason.MISSING_FIELD);
        assertViolation(() -> fault("flt 1", "etcd-3", Map.of()), "faultId", Reason.INVALID_ID);
        assertViolation(() -> new FaultEvent("flt-1", "etcd-3", null, FaultKind.UNHEALTHY, Severity.INFO, AT, " ",
                Map.of(), "k"), "source", Reason.MISSING_FIELD);
    }

    @Test
    void stepParamsAndReportNameTheirRequiredFields() {
        assertViolation(() -> new StepParams(null, null, null, null, 1), "timeout", Reason.MISSING_FIELD);
        assertViolation(() -> new StepParams(Duration.ZERO, null, null, null, 1), "timeout", Reason.INVALID_VALUE);
        assertViolation(() -> new StepParams(Duration.ofSeconds(30), null, null, null, 0), "attempts", Reason.INVALID_VALUE);
        assertViolation(() -> new RecoveryReport("rpt-1", "inc-1", "pln-1", "etcd-3", Verdict.CONSISTENT, List.of(), null,
                Duration.ofSeconds(41)), "timeline", Reason.MISSING_FIELD);
    }

    @Test
    void evidenceOf257EntriesIsTooLargeAnd256Accepted() {
        assertViolation(() -> fault("flt-1", "etcd-3", entries(257)), "evidence", Reason.TOO_LARGE);
        assertThat(fault("flt-1", "etcd-3", entries(256)).evidence()).hasSize(256);
    }

    @Test
    void textOf4097CharactersIsTooLargeAnd4096Accepted() {
        assertViolation(() -> fault("flt-1", "etcd-3", Map.of("log", "x".repeat(4097))), "evidence.log", Reason.TOO_LARGE);
        assertViolation(() -> Check.text("detail", "d".repeat(4097)), "detail", Reason.TOO_LARGE);
        assertThat(Check.text("detail", "d".repeat(4096))).hasSize(4096);
    }

    @Test
    void recordOverMaxBytesIsTooLargeBeforeItIsParsed() {
        // given
        String padding = "x".repeat(EventCodec.MAX_BYTES);
        byte[] json = ("{\"faultId\":\"flt-1\",\"source\":\"" + padding + "\"}").getBytes(StandardCharsets.UTF_8);

        // when
        InvalidEventException rejection = catchThrowableOfType(InvalidEventException.class,
                () -> EventCodec.of(FaultEvent.class).decode(json));

        // then
        assertThat(rejection.reason()).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(rejection.field()).isEqualTo("$");
    }

    @Test
    void absentRequiredNumberIsAMissingField() {
        InvalidEventException rejection = catchThrowableOfType(InvalidEventException.class,
                () -> EventCodec.of(StepParams.class).decode("{\"timeout\":\"PT30S\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(rejection.reason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(rejection.field()).isEqualTo("attempts");
    }

    @Test
    void absentPolicyNumbersTakeTheirDefaults() {
        Policy policy = EventCodec.of(Policy.class).decode("{}".getBytes(StandardCharsets.UTF_8));
        SystemdControl systemd = EventCodec.of(SystemdControl.class)
                .decode("{\"driver\":\"systemd\",\"host\":\"db1\",\"sshUser\":\"revive\",\"unit\":\"etcd.service\"}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(policy).isEqualTo(Policy.defaults());
        assertThat(systemd.sshPort()).isEqualTo(22);
    }

    @Test
    void restartBudgetNeedsAPositiveWindow() {
        assertViolation(() -> new RestartBudget(3, Duration.ZERO), "window", Reason.INVALID_VALUE);
        assertViolation(() -> new RestartBudget(3, Duration.ofMinutes(-5)), "window", Reason.INVALID_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {DATA_DIR, "/var/lib/revive/etcd-3/infra2", "/var/lib/revive", "/", DATA_DIR + "/member",
        DATA_DIR + "/member/wal"})
    void nodeRejectsTempPathThatOverlapsTheDataDir(String tempPath) {
        assertViolation(() -> node(DATA_DIR, List.of("/tmp/revive/infra2", tempPath)), "tempPaths[1]", Reason.INVALID_VALUE);
    }

    @Test
    void nodeAcceptsTempPathBesideTheDataDir() {
        assertThat(node(DATA_DIR, List.of("/var/lib/revive/etcd-3/infra2/tmp", "/var/lib/revive/etcd-3/infra2/data-old"))
                .tempPaths()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tmp/infra2", "./tmp", "/var/lib/revive/../../etc", "/var/lib/revive/./tmp", "/tmp/a..b"})
    void nodeRejectsRelativeOrClimbingTempPath(String tempPath) {
        assertViolation(() -> node(DATA_DIR, List.of(tempPath)), "tempPaths[0]", Reason.INVALID_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"data/infra2", "/var/lib/revive/etcd-3/../infra2/data", "/var/lib/revive/etcd-3/infra2/data\0"})
    void nodeRejectsRelativeOrClimbingDataDir(String dataDir) {
        assertViolation(() -> node(dataDir, List.of()), "dataDir", Reason.INVALID_VALUE);
    }

    @Test
    void processControlRejectsAnEmptyCommand() {
        assertViolation(() -> process(List.of()), "command", Reason.MISSING_FIELD);
        assertViolation(() -> process(null), "command", Reason.MISSING_FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"etcd", "./etcd", "bin/etcd", "/usr/bin/../bin/etcd"})
    void processControlRejectsAProgramThatIsNotAnAbsolutePath(String program) {
        assertViolation(() -> process(List.of(program, "--name", "infra2")), "command[0]", Reason.INVALID_VALUE);
    }

    @Test
    void processControlKeepsArgumentsAsGivenAndDefaultsItsStopTimeout() {
        ProcessControl control = process(List.of("/usr/bin/etcd", "--name", "infra2", "--initial-cluster-state", "new"));

        assertThat(control.command()).containsExactly("/usr/bin/etcd", "--name", "infra2", "--initial-cluster-state", "new");
        assertThat(control.stopTimeout()).isEqualTo(ProcessControl.DEFAULT_STOP_TIMEOUT);
    }

    private static FaultEvent fault(String faultId, String clusterId, Map<String, String> evidence) {
        return new FaultEvent(faultId, clusterId, "infra2", FaultKind.PROCESS_DOWN, Severity.CRITICAL, AT,
                "/revive/detector/process-probe", evidence, "etcd-3/infra2/PROCESS_DOWN");
    }

    private static Map<String, String> entries(int count) {
        return IntStream.range(0, count).boxed()
                .collect(Collectors.toMap(i -> "line" + i, i -> "raft: lost leader at term " + i));
    }

    private static NodeSpec node(String dataDir, List<String> tempPaths) {
        return new NodeSpec("infra2", null, new Endpoints("http://127.0.0.1:22379", "http://127.0.0.1:22380"),
                new DockerControl("infra2"), dataDir, List.of(), tempPaths);
    }

    private static ProcessControl process(List<String> command) {
        return new ProcessControl(command, null, Map.of(), "/run/revive/etcd-3/infra2.pid",
                "/var/log/revive/etcd-3/infra2.log", null);
    }
}
