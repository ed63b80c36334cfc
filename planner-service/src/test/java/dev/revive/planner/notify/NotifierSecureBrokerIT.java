package dev.revive.planner.notify;

import static dev.revive.planner.notify.NotifierFixtures.plan;
import static dev.revive.planner.notify.NotifierFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.kafka.EventRecords;
import dev.revive.contracts.kafka.KafkaClientSettings;
import dev.revive.contracts.kafka.TopicOwners;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.report.Verdict;
import dev.revive.testkit.KafkaBroker;
import dev.revive.testkit.KafkaSecurity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The notifier as the planner's principal on a broker that enforces the ACLs of {@link TopicOwners}: it may read
 * {@code revive.plans} and {@code revive.reports} in group {@value NotifierRuntime#GROUP} and write dead letters.
 */
class NotifierSecureBrokerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void thePlannersPrincipalNotifiesFromPlansAndReportsAndDeadLettersARefusal() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startSecure();
                WebhookReceiver receiver = WebhookReceiver.answering("inc-acl", 400)) {
            // given: the notifier with the planner's credentials, a webhook that refuses its first request
            broker.createTopics(Topics.Names.PLANS, Topics.Names.REPORTS, Topics.Names.DLQ);
            NotifierSettings settings = new NotifierSettings(List.of(new Webhook("ops", receiver.url("/hook"),
                    WebhookFormat.JSON, EnumSet.allOf(NotificationType.class), Optional.empty())), 2,
                    Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(5));
            try (NotifierRuntime notifier = NotifierRuntime.start(broker.clientSettings(TopicOwners.PLANNER), settings,
                    Clock.systemUTC());
                    KafkaProducer<byte[], byte[]> planner = producer(broker, TopicOwners.PLANNER);
                    KafkaProducer<byte[], byte[]> verifier = producer(broker, TopicOwners.VERIFIER)) {
                await().atMost(TIMEOUT).until(() -> committedPartitions(broker) == 2);

                // when: the planner's first revision, refused, then the verifier's report
                planner.send(EventRecords.of(Topics.PLANS, NotifierFixtures.CLUSTER, plan("inc-acl", 1, PlanMode.AUTO,
                        null), "/revive/planner", Instant.now())).get(30, TimeUnit.SECONDS);
                await().atMost(TIMEOUT).until(() -> !receiver.requests().isEmpty());
                verifier.send(EventRecords.of(Topics.REPORTS, NotifierFixtures.CLUSTER, report("inc-acl",
                        Verdict.CONSISTENT), "/revive/verifier", Instant.now())).get(30, TimeUnit.SECONDS);

                // then: the report's notification is delivered and the refused one is a dead letter
                await().atMost(TIMEOUT).until(() -> receiver.deliveredOf("inc-acl").size() == 1);
                await().atMost(TIMEOUT).until(() -> dlqEnd(broker) == 1);
                assertThat(notifier.rebuilds()).isZero();
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(KafkaBroker broker, String principal) {
        return new KafkaProducer<>(new KafkaClientSettings(broker.clientSettings(principal)).producer(principal));
    }

    private static int committedPartitions(KafkaBroker broker) throws Exception {
        try (Admin admin = Admin.create(broker.clientSettings(KafkaSecurity.ADMIN))) {
            return admin.listConsumerGroupOffsets(NotifierRuntime.GROUP).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).size();
        }
    }

    private static long dlqEnd(KafkaBroker broker) throws Exception {
        TopicPartition dlq = new TopicPartition(Topics.Names.DLQ, 0);
        try (Admin admin = Admin.create(broker.clientSettings(KafkaSecurity.ADMIN))) {
            return admin.listOffsets(Map.of(dlq, OffsetSpec.latest())).partitionResult(dlq).get(30, TimeUnit.SECONDS)
                    .offset();
        }
    }
}
