package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revive deployed by the repository's own {@code docker-compose.yml} (issue 10): the images are built locally
 * ({@code scripts/compose-up}: the Debian base, the four services, the Kafka and etcd stand-ins), the stack comes up
 * healthy, a member container of the demo etcd cluster is killed the way {@code docker kill} kills it (SIGKILL
 * through the Engine API), and the services in their containers recover it through the docker driver: one executed
 * plan, its START step on the member, one CONSISTENT report. Afterwards {@code docker-compose down -v} must leave no
 * container, network or volume of the project behind.
 */
@Tag("runs-alone") // seven JVMs in containers besides the test's: it loads the machine on its own
class ComposeIT {

    private static final Logger LOG = LoggerFactory.getLogger(ComposeIT.class);
    private static final String PROJECT = "revive-compose-it";
    private static final String MEMBER = "etcd-b";
    private static final String CONTAINER = "revive-etcd-b";
    private static final Duration RECOVERY = Duration.ofMinutes(3);

    /** Kept when a test fails: the compose output and the services' logs are the evidence. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path runDir;
    private static ComposeStack stack;
    private static EventLog events;
    private static Recoveries recoveries;

    @BeforeAll
    static void upFromTheRepositorysComposeFile() throws Exception {
        Path root = Path.of(System.getProperty("revive.root", "..")).toAbsolutePath().normalize();
        long begin = System.nanoTime();
        stack = ComposeStack.up(root, runDir, PROJECT);
        LOG.info("compose stack built and healthy in {} s", (System.nanoTime() - begin) / 1_000_000_000);
        events = new EventLog(stack.kafkaBootstrap(), Clock.systemUTC());
        recoveries = new Recoveries(events);
    }

    @AfterAll
    static void downLeavesNothingBehind() throws Exception {
        if (events != null) {
            events.close();
        }
        if (stack == null) {
            return;
        }
        try (ComposeStack closing = stack) {
            try {
                stack.saveLogs();
            } finally {
                stack.down();
            }
            assertThat(stack.leftovers()).as("containers, networks and volumes of " + PROJECT + " after down -v")
                    .isEmpty();
        }
    }

    @Test
    void memberContainerKilledIsRestartedByTheDockerDriverAndReportedConsistentOnce() {
        Instant killedAt = Instant.now();
        String startedBefore = stack.docker().inspectContainerCmd(CONTAINER).exec().getState().getStartedAt();
        stack.docker().killContainerCmd(CONTAINER).exec();

        RecoveryReport report = await("the report of " + MEMBER + "'s recovery").atMost(RECOVERY)
                .until(() -> recoveries.reportFor(MEMBER, killedAt), Optional::isPresent).orElseThrow();
        LOG.info("container {} killed: report {} {} in {} (MTTR {})", CONTAINER, report.reportId(), report.verdict(),
                Duration.between(killedAt, Instant.now()), report.mttr());

        assertThat(report.verdict()).as("verdict; checks " + report.checks()).isEqualTo(Verdict.CONSISTENT);
        List<RecoveryPlan> executed = recoveries.plansFor(MEMBER, killedAt).stream()
                .filter(plan -> plan.mode().executable()).toList();
        assertThat(executed).as("executed plans for " + MEMBER).hasSize(1);
        List<StepEvent> starts = recoveries.stepsOf(executed.get(0)).stream()
                .filter(step -> step.action() == Action.START && MEMBER.equals(step.nodeId()))
                .filter(step -> step.status().isTerminal()).toList();
        assertThat(starts).as("the START of " + MEMBER).singleElement()
                .satisfies(step -> assertThat(step.status()).isEqualTo(StepStatus.SUCCEEDED));
        assertThat(stack.docker().inspectContainerCmd(CONTAINER).exec().getState())
                .as("the member's container, restarted by Revive (its restart policy is \"no\")")
                .satisfies(state -> assertThat(state.getRunning()).isTrue())
                .satisfies(state -> assertThat(state.getStartedAt()).isNotEqualTo(startedBefore));
        await("no second report for the incident").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15))
                .until(() -> recoveries.reportsOf(executed).size() == 1);
    }
}
