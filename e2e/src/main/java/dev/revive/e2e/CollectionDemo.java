package dev.revive.e2e;

import dev.revive.contracts.report.RecoveryReport;
import dev.revive.testkit.ConnectCluster;
import dev.revive.testkit.ConnectWorker;
import dev.revive.testkit.KafkaNode;
import dev.revive.testkit.KafkaTargetCluster;
import dev.revive.testkit.KafkaWriter;
import dev.revive.testkit.LineSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The demo's two data-collection targets ({@code --target kafka}, {@code --target collector}): a broker of the target
 * Kafka cluster, or a Kafka Connect worker, killed with SIGKILL while data flows, the recovery printed as it happens,
 * and the counts that show nothing was lost.
 */
final class CollectionDemo {

    private static final String DEMO_TOPIC = "demo-writes";
    private static final Duration WRITER_PACE = Duration.ofMillis(5);

    private final ReviveStack stack;
    private final FaultDemo demo;

    CollectionDemo(ReviveStack stack, TimelinePrinter printer, Clock clock, Duration recoveryTimeout) {
        this.stack = stack;
        this.demo = new FaultDemo(stack, printer, clock, recoveryTimeout);
    }

    /**
     * Kills a broker (the active controller with {@code killController}) while an idempotent producer writes with
     * acks=all, and returns the report of its recovery; prints how many acknowledged records a read_committed consumer
     * found, missing and twice.
     */
    RecoveryReport recoverBroker(boolean killController) throws InterruptedException {
        KafkaTargetCluster kafka = stack.collection().kafka();
        kafka.createTopic(DEMO_TOPIC, 3);
        try (KafkaWriter writer = KafkaWriter.start(kafka.bootstrap(), DEMO_TOPIC, WRITER_PACE)) {
            Polling.await("the first acknowledged records", Duration.ofSeconds(30),
                    () -> writer.acknowledged() > 100 ? java.util.Optional.of(true) : java.util.Optional.empty());
            KafkaNode victim = killController ? kafka.activeController() : kafka.followers().get(0);
            Instant killedAt = demo.kill("broker " + victim.name() + (killController ? " (active controller)" : ""),
                    victim.pid().orElse(-1), () -> kafka.kill(victim));
            RecoveryReport report = demo.awaitReport(victim.name(), killedAt);
            KafkaWriter.Counts counts = writer.verifyExactlyOnce();
            System.out.printf("%nCounts on topic %s: %d acknowledged, %d found by a read_committed consumer, %d "
                    + "acknowledged but missing, %d twice, %d sends failed (not acknowledged).%n", DEMO_TOPIC,
                    counts.acknowledged(), counts.found(), counts.missingAcked(), counts.duplicates(),
                    counts.failedSends());
            return report;
        }
    }

    /**
     * Kills a Connect worker while the collector ingests, and returns the report of its recovery; prints the lines in
     * the collected file, the records in the topic and the lines the sink wrote, once the sink has caught up.
     */
    RecoveryReport recoverWorker() throws InterruptedException {
        CollectionTargets collection = stack.collection();
        ConnectCluster connect = collection.connect();
        ConnectWorker victim = connect.workerOf(CollectionTargets.SOURCE, 0).orElse(connect.worker(0));
        collection.awaitThroughputBaseline();
        Instant killedAt = demo.kill("Connect worker " + victim.name() + " (it runs the source task)",
                victim.pid().orElse(-1), () -> connect.kill(victim));
        RecoveryReport report = demo.awaitReport(victim.name(), killedAt);
        // read against the flow, the sink first, so that nothing counted downstream is missing upstream
        LineSource.Numbers sink = LineSource.numbers(collection.sinkFile());
        long topic = LineSource.records(collection.kafka().bootstrap(), CollectionTargets.TOPIC);
        long source = LineSource.lines(collection.sourceFile());
        long written = collection.lines().written();
        System.out.printf("%nCounts at the report: %d lines written (%d in the collected file), %d records in topic "
                + "%s, %d distinct lines delivered by the sink (%d twice). The writer never stopped: the file keeps "
                + "growing while the collector catches up.%n", written, source, topic, CollectionTargets.TOPIC,
                sink.distinct(), sink.duplicates());
        return report;
    }
}
