package dev.revive.e2e;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.kafka.CloudEventHeaders;
import dev.revive.contracts.kafka.EventTypes;
import dev.revive.contracts.kafka.KafkaClientSettings;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.testkit.EtcdMember;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Runs the fault storm on a {@link ReviveStack}, shared by {@code FaultStormIT} and {@link StormBenchmark}: registers
 * the 50 {@link StormClusters} (and waits until the planner knows each, by one INFO fault per cluster), then
 * publishes the {@link StormFaults} as an external source would, killing each real cluster's victim at its turn,
 * while it samples how many members of every real cluster run (the quorum, {@value #SAMPLE_MS} ms apart).
 */
public final class FaultStorm implements AutoCloseable {

    /** The source of the registration faults. */
    static final String REGISTRATION_SOURCE = "storm-registration";
    private static final long SAMPLE_MS = 100;
    private static final Duration REGISTRATION_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration QUIET_TIMEOUT = Duration.ofMinutes(2);

    /**
     * What was published when.
     *
     * @param firstSentAt when the first record of the storm was handed to the producer
     * @param lastSentAt  when the broker had acknowledged the last one
     * @param sentAt      per fault id, when its first record was handed to the producer
     */
    public record Published(Instant firstSentAt, Instant lastSentAt, Map<String, Instant> sentAt) {
    }

    private final ReviveStack stack;
    private final StormClusters clusters;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Clock clock;
    private final Map<String, Integer> fewestRunning = new ConcurrentHashMap<>();
    private final Map<String, MemberStarts.Sample> before = new LinkedHashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "storm-quorum-sampler");
        thread.setDaemon(true);
        return thread;
    });

    private FaultStorm(ReviveStack stack, StormClusters clusters, Clock clock) {
        this.stack = stack;
        this.clusters = clusters;
        this.clock = clock;
        Map<String, Object> config = new KafkaClientSettings(stack.broker().clientSettings(
                dev.revive.testkit.KafkaSecurity.ADMIN)).producer("fault-storm");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(config);
    }

    /** Starts the storm's extra clusters beside {@code stack}, registers all 50, waits until the planner has them. */
    public static FaultStorm prepare(ReviveStack stack, Clock clock, Consumer<String> progress) throws Exception {
        StormClusters clusters = StormClusters.start(stack, progress);
        FaultStorm storm = new FaultStorm(stack, clusters, clock);
        try {
            clusters.register(stack, storm.producer);
            Set<String> registration = new HashSet<>();
            for (ClusterSpec spec : clusters.all()) {
                FaultEvent fault = new FaultEvent(spec.id() + "-registered", spec.id(), null, FaultKind.UNHEALTHY,
                        Severity.INFO, clock.instant(), REGISTRATION_SOURCE, Map.of(), spec.id() + "/registered");
                registration.add(fault.faultId());
                storm.send(fault);
            }
            storm.producer.flush();
            Polling.until("a notice for every registered storm cluster", REGISTRATION_TIMEOUT,
                    () -> stack.events().plans().stream().filter(plan -> plan.mode() == PlanMode.NOTICE)
                            .filter(plan -> registration.containsAll(plan.reason())).count() == clusters.all().size());
            progress.accept("storm: " + clusters.all().size() + " clusters registered");
            return storm;
        } catch (Exception | Error e) {
            storm.close();
            throw e;
        }
    }

    public StormClusters clusters() {
        return clusters;
    }

    /**
     * Publishes {@code storm} in order, killing each victim right before its turn; returns once the broker has all.
     * Starts from a quiet stack: every real member runs, no plan is under way and every node the detector reported
     * (on a loaded machine a slow member can look hung) has recovered.
     */
    public Published publish(StormFaults storm) throws InterruptedException {
        Recoveries recoveries = new Recoveries(stack.events());
        Polling.until("a quiet stack before the storm", QUIET_TIMEOUT, () -> recoveries.nothingUnderWay()
                && detectorQuiet() && clusters.real().stream().allMatch(real -> real.cluster().members().stream()
                        .allMatch(EtcdMember::isAlive)));
        for (StormClusters.Real real : clusters.real()) {
            for (EtcdMember member : real.cluster().members()) {
                before.put(member.name() + "@" + real.spec().id(), MemberStarts.of(member));
            }
        }
        sampler.scheduleAtFixedRate(this::sampleQuorum, 0, SAMPLE_MS, TimeUnit.MILLISECONDS);
        Map<String, Instant> sentAt = new LinkedHashMap<>();
        Instant first = clock.instant();
        for (StormFaults.Step step : storm.steps()) {
            if (step.killBefore().isPresent()) {
                StormClusters.Real real = step.killBefore().get();
                real.cluster().kill(real.victim());
            }
            sentAt.putIfAbsent(step.fault().faultId(), clock.instant());
            send(step.fault());
        }
        producer.flush();
        return new Published(first, clock.instant(), sentAt);
    }

    /**
     * Waits until the storm has run its course: the sentinel's notice is out (the planner took in every record
     * before it), the paper clusters have at least their expected plans, every real cluster has a report for a
     * plan that acted, and every notice fault of a real cluster is named by a plan (those that arrived while its
     * restart ran wait for the restart's report).
     */
    public void awaitSettled(StormFaults storm, StormExpectation expected, Duration timeout)
            throws InterruptedException {
        Set<String> realFaults = new HashSet<>();
        storm.distinct().stream().filter(fault -> clusters.realCluster(fault.clusterId()).isPresent())
                .filter(fault -> !StormFaults.isVictimDown(fault))
                .forEach(fault -> realFaults.add(fault.faultId()));
        Polling.until("the storm's plans, the real clusters' reports and every real notice", timeout, () -> {
            List<RecoveryPlan> plans = stack.events().plans();
            Set<String> named = new HashSet<>();
            plans.forEach(plan -> named.addAll(plan.reason()));
            Set<String> reported = new HashSet<>();
            stack.events().reports().forEach(report -> reported.add(report.clusterId()));
            long paperPlans = plans.stream().filter(plan -> expected.plans().containsKey(plan.clusterId())).count();
            return named.contains(storm.sentinel().faultId()) && named.containsAll(realFaults)
                    && paperPlans >= expected.planCount() + clusters.paper().size()
                    && clusters.real().stream().allMatch(real -> reported.contains(real.spec().id()));
        });
    }

    /** Per real cluster, the fewest members found running by any sample since {@link #publish}. */
    public Map<String, Integer> fewestRunning() {
        return Map.copyOf(fewestRunning);
    }

    /** Per real member ({@code name@cluster}), its process and start count right before the storm. */
    public Map<String, MemberStarts.Sample> before() {
        return Map.copyOf(before);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        producer.close(Duration.ofSeconds(5));
        clusters.close();
    }

    private void send(FaultEvent fault) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.FAULTS.name(),
                Topics.FAULTS.keySerde().serializer().serialize(Topics.FAULTS.name(), fault.clusterId()),
                Topics.FAULTS.valueSerde().serializer().serialize(Topics.FAULTS.name(), fault));
        CloudEventHeaders.write(record.headers(),
                EventTypes.describe(fault, "/storm/" + fault.source(), clock.instant()));
        producer.send(record);
    }

    /** True when the detector's last word on every node it reported is RECOVERED. */
    private boolean detectorQuiet() {
        Map<String, FaultKind> last = new LinkedHashMap<>();
        stack.events().faults().stream().filter(fault -> !REGISTRATION_SOURCE.equals(fault.source()))
                .forEach(fault -> last.put(fault.subject(), fault.kind()));
        return last.values().stream().allMatch(kind -> kind == FaultKind.RECOVERED);
    }

    private void sampleQuorum() {
        for (StormClusters.Real real : clusters.real()) {
            int running = (int) real.cluster().members().stream().filter(EtcdMember::isAlive).count();
            fewestRunning.merge(real.spec().id(), running, Math::min);
        }
    }
}
