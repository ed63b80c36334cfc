package dev.revive.verifier;

import dev.revive.contracts.time.IdSource;
import dev.revive.verifier.check.CheckSets;
import dev.revive.verifier.check.Pause;
import dev.revive.verifier.check.Verification;
import dev.revive.verifier.report.OutcomeVerifier;
import dev.revive.verifier.report.ReportBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jboss.logging.Logger;

/**
 * One running verifier: the reference reader and the executions loop on their own threads, wired
 * from plain values so that tests can start, stop and restart one without the application.
 */
final class VerifierRuntime implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(VerifierRuntime.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** How long a stopping loop may take to finish its poll before it is interrupted (e.g. while settling). */
    private static final Duration POLITE_STOP = Duration.ofSeconds(2);

    private final ReferenceReader references;
    private final ExecutionsLoop loop;
    private final Thread referenceThread;
    private final Thread loopThread;

    private VerifierRuntime(ReferenceReader references, ExecutionsLoop loop) {
        this.references = references;
        this.loop = loop;
        this.referenceThread = daemon("verifier-references", references);
        this.loopThread = daemon("verifier-executions", loop);
    }

    /**
     * Starts a verifier.
     *
     * @param kafka   the {@code kafka.*} client properties without their prefix
     * @param checks  the checks of each kind
     * @param pause   waits between rounds of checks
     */
    static VerifierRuntime start(Map<String, Object> kafka, VerifierConfig config, Clock clock, IdSource ids,
            CheckSets checks, Pause pause) {
        ConfigValidation.validate(config);
        KafkaSettings settings = new KafkaSettings(kafka, config);
        ReferenceStore store = new ReferenceStore();
        ReferenceReader references = new ReferenceReader(new KafkaConsumer<>(settings.referenceConsumer()), store,
                config.kafka().pollTimeout());
        VerifierConfig.Checks settle = config.checks();
        Verification verification = new Verification(checks, clock, pause,
                new Verification.Settings(settle.settleTime(), settle.retryInterval(), settle.hashAttempts()));
        OutcomeVerifier verifier = new OutcomeVerifier(store, verification, new ReportBuilder(ids), clock,
                config.kafka().referenceWait());
        ReportPublisher publisher = new ReportPublisher(() -> new KafkaProducer<>(settings.producer()));
        ExecutionsLoop loop = new ExecutionsLoop(new KafkaConsumer<>(settings.executionsConsumer()), publisher,
                verifier, store, references, clock, config.kafka());
        LOG.infof("verifier starting: settle %s, call timeout %s, max poll interval %s", settle.settleTime(),
                settle.callTimeout(), settings.maxPollInterval());
        return new VerifierRuntime(references, loop);
    }

    /** True while the executions loop runs and the references are being read. */
    boolean isReady() {
        return loop.isReady() && references.isAlive();
    }

    /** Stops both threads; a loop in the middle of a verification is interrupted. */
    @Override
    public void close() {
        loop.stop();
        references.stop();
        if (!join(loopThread, POLITE_STOP)) {
            loopThread.interrupt();
        }
        for (Thread thread : List.of(loopThread, referenceThread)) {
            if (!join(thread, STOP_TIMEOUT)) {
                LOG.warnf("%s did not stop within %s", thread.getName(), STOP_TIMEOUT);
            }
        }
    }

    /** The production {@link Pause}: sleeps, and returns early when interrupted. */
    static void sleep(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits for the thread to end; true when it did. */
    private static boolean join(Thread thread, Duration timeout) {
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
