package dev.revive.planner.notify;

import dev.revive.contracts.kafka.KafkaClientSettings;
import dev.revive.contracts.kafka.LoopSupervisor;
import dev.revive.contracts.metrics.ReviveMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jboss.logging.Logger;

/**
 * One running notifier: the supervised {@link NotifierLoop} on its own daemon thread, wired from plain values so that
 * tests start and stop it without the application. Its consumer is in group {@value #GROUP} (the planner's ACL
 * prefix), reads committed records only, starts at the end on the group's first start; its producer writes dead
 * letters. Both are built by {@link KafkaClientSettings} from the {@code kafka.*} properties, security included.
 */
public final class NotifierRuntime implements AutoCloseable {

    /** The notifier's consumer group. */
    public static final String GROUP = "revive-planner-notifier";

    private static final Logger LOG = Logger.getLogger(NotifierRuntime.class);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration REBUILD_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_REBUILD_BACKOFF = Duration.ofSeconds(30);
    /** How long a stopping loop may take to finish a request before it is interrupted. */
    private static final Duration POLITE_STOP = Duration.ofSeconds(2);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_POLL_RECORDS = 10;
    private static final int SESSION_TIMEOUT_MS = 10_000;
    private static final Duration MIN_POLL_INTERVAL = Duration.ofMinutes(5);

    private final LoopSupervisor supervisor;
    private final Thread thread;

    private NotifierRuntime(LoopSupervisor supervisor) {
        this.supervisor = supervisor;
        this.thread = new Thread(supervisor, "planner-notifier");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts the notifier for {@code settings}' webhooks (at least one).
     *
     * @param kafka the {@code kafka.*} client properties without their prefix
     */
    public static NotifierRuntime start(Map<String, Object> kafka, NotifierSettings settings, Clock clock) {
        if (settings.webhooks().isEmpty()) {
            throw new IllegalArgumentException("the notifier needs at least one webhook");
        }
        KafkaClientSettings clients = new KafkaClientSettings(kafka);
        CountDownLatch stopped = new CountDownLatch(1);
        WebhookSender sender = new WebhookSender(WebhookSender.client(settings), settings, wait -> {
            if (stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new InterruptedException("the notifier is stopping");
            }
        });
        Dispatcher dispatcher = new Dispatcher(settings.webhooks(), sender, ReviveMetrics.global());
        Map<String, Object> consumer = consumer(clients, settings);
        Map<String, Object> producer = clients.producer("revive-planner-notifier-dead-letters");
        LoopSupervisor supervisor = new LoopSupervisor("notifier loop", () -> new NotifierLoop(
                new KafkaConsumer<>(consumer), new KafkaProducer<>(producer), dispatcher, clock, POLL_TIMEOUT),
                REBUILD_BACKOFF, MAX_REBUILD_BACKOFF, stopped, new LoopSupervisor.Listener() { });
        LOG.infof("notifier starting: %s", settings);
        return new NotifierRuntime(supervisor);
    }

    /** False once the notifier's thread ended: stopped, or died of an {@link Error} that a rebuild cannot fix. */
    boolean isRunning() {
        return thread.isAlive();
    }

    /** How many times the loop failed (a Kafka outage, say) and was rebuilt with new clients. */
    long rebuilds() {
        return supervisor.rebuilds();
    }

    /** Stops the loop; a request under way gets a moment to finish, then the thread is interrupted. */
    @Override
    public void close() {
        supervisor.stop();
        if (!join(POLITE_STOP)) {
            thread.interrupt();
            if (!join(STOP_TIMEOUT)) {
                LOG.warnf("%s did not stop within %s", thread.getName(), STOP_TIMEOUT);
            }
        }
    }

    /**
     * The consumer: group {@value #GROUP}, offsets committed by the loop, the end of the topics on the group's first
     * start, and a poll interval longer than a batch of the slowest deliveries (every attempt timing out).
     */
    static Map<String, Object> consumer(KafkaClientSettings clients, NotifierSettings settings) {
        Map<String, Object> props = clients.consumer(GROUP, GROUP);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        props.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        // a plan gives at most two notifications, each sent to every webhook
        Duration batch = settings.longestDelivery().multipliedBy(2L * settings.webhooks().size() * MAX_POLL_RECORDS);
        Duration interval = batch.compareTo(MIN_POLL_INTERVAL) > 0 ? batch : MIN_POLL_INTERVAL;
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, interval.toMillis()));
        return props;
    }

    private boolean join(Duration timeout) {
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
