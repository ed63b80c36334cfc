package dev.revive.verifier;

import dev.revive.contracts.kafka.BeginningReader;
import dev.revive.contracts.kafka.LoopSupervisor;
import dev.revive.contracts.kafka.TransactionalPublisher;
import dev.revive.contracts.time.IdSource;
import dev.revive.contracts.tracing.Tracing;
import dev.revive.contracts.trust.TrustedKeys;
import dev.revive.verifier.check.CheckSets;
import dev.revive.verifier.check.Pause;
import dev.revive.verifier.check.Verification;
import dev.revive.verifier.report.OutcomeVerifier;
import dev.revive.verifier.report.ReportBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jboss.logging.Logger;

/**
 * One running verifier: the reference reader and the supervised executions loop on their own threads, wired
 * from plain values so that tests can start, stop and restart one without the application.
 */
final class VerifierRuntime implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(VerifierRuntime.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** How long a stopping loop may take to finish its poll before it is interrupted (e.g. while settling). */
    private static final Duration POLITE_STOP = Duration.ofSeconds(2);

    private final BeginningReader references;
    private final KafkaProducer<byte[], byte[]> deadLetters;
    private final LoopSupervisor loop;
    private final LoopHealth health;
    private final Thread referenceThread;
    private final Thread loopThread;

    private VerifierRuntime(BeginningReader references, KafkaProducer<byte[], byte[]> deadLetters, LoopSupervisor loop,
            LoopHealth health) {
        this.references = references;
        this.deadLetters = deadLetters;
        this.loop = loop;
        this.health = health;
        this.referenceThread = daemon("verifier-references", references);
        this.loopThread = daemon("verifier-executions", loop);
    }

    /**
     * Starts a verifier.
     *
     * @param kafka   the {@code kafka.*} client properties without their prefix
     * @param trusted the operators' keys a cluster spec must be signed with
     * @param checks  the checks of each kind
     * @param pause   waits between rounds of checks
     * @param tracing continues each incident's trace in its verification and report
     */
    static VerifierRuntime start(Map<String, Object> kafka, VerifierConfig config, TrustedKeys trusted, Clock clock,
            IdSource ids, CheckSets checks, Pause pause, Tracing tracing) {
        ConfigValidation.validate(config);
        KafkaSettings settings = new KafkaSettings(kafka, config);
        VerifierConfig.Kafka kafkaConfig = config.kafka();
        if (kafkaConfig.stallTimeout().compareTo(settings.maxPollInterval()) < 0) {
            throw new IllegalArgumentException("revive.verifier.kafka.stall-timeout must be at least the max poll "
                    + "interval " + settings.maxPollInterval() + " but is " + kafkaConfig.stallTimeout());
        }
        ReferenceStore store = new ReferenceStore(kafkaConfig.maxPlans());
        KafkaProducer<byte[], byte[]> deadLetters = new KafkaProducer<>(settings.deadLetterProducer());
        BeginningReader references = ReferenceReader.reader(new KafkaConsumer<>(settings.referenceConsumer()), store,
                config.kafka().pollTimeout(), trusted, letter -> deadLetters.send(letter, (metadata, failure) -> {
                    if (failure != null) {
                        LOG.warnf("could not dead-letter an untrusted spec: %s", failure.toString());
                    }
                }), clock);
        VerifierConfig.Checks settle = config.checks();
        Verification verification = new Verification(checks, clock, pause,
                new Verification.Settings(settle.settleTime(), settle.retryInterval(), settle.hashAttempts()));
        OutcomeVerifier verifier = new OutcomeVerifier(store, verification, new ReportBuilder(ids), clock,
                config.kafka().referenceWait());
        LoopHealth health = new LoopHealth(clock, kafkaConfig.stallTimeout());
        LoopSupervisor loop = new LoopSupervisor("executions loop", () -> new ExecutionsLoop(
                new KafkaConsumer<>(settings.executionsConsumer()),
                new TransactionalPublisher(() -> new KafkaProducer<>(settings.producer())), verifier, store, references,
                clock, kafkaConfig, health, tracing), kafkaConfig.failureBackoff(), kafkaConfig.rebuildBackoffMax(),
                new CountDownLatch(1), health);
        LOG.infof("verifier starting: settle %s, call timeout %s, max poll interval %s", settle.settleTime(),
                settle.callTimeout(), settings.maxPollInterval());
        return new VerifierRuntime(references, deadLetters, loop, health);
    }

    /** True while the executions loop runs (not while it is rebuilt) and the references are being read. */
    boolean isReady() {
        return health.isReady() && references.isAlive();
    }

    /** False once the executions loop died or stalled past its bound, or the reference reader died. */
    boolean isLive() {
        return health.isLive() && references.isAlive();
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
        deadLetters.close(STOP_TIMEOUT);
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
