package dev.revive.planner.notify;

import static dev.revive.planner.notify.NotifierFixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.kafka.EventRecords;
import dev.revive.contracts.kafka.KafkaClientSettings;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.testkit.KafkaBroker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * The notifier through a broker outage: a delivery whose offset commit failed is sent again, with the same id, by
 * the loop the supervisor rebuilt once Kafka is back, and the notifier goes on.
 */
class NotifierSupervisionIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void aNotificationWhoseCommitFailedInAnOutageIsSentAgainWithTheSameIdOnceKafkaIsBack() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start();
                WebhookReceiver receiver = WebhookReceiver.holdingTheFirstRequest()) {
            // given: a running notifier whose Kafka calls give up after 3 s, and a webhook that holds its first request
            broker.createTopics(Topics.Names.PLANS, Topics.Names.REPORTS, Topics.Names.DLQ);
            Map<String, Object> kafka = KafkaClientSettings.of(broker.bootstrapServers()).common();
            kafka.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
            kafka.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 2000);
            NotifierSettings settings = new NotifierSettings(List.of(new Webhook("ops", receiver.url("/hook"),
                    WebhookFormat.JSON, EnumSet.allOf(NotificationType.class), Optional.empty())), 3,
                    Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(2), Duration.ofSeconds(60));
            try (NotifierRuntime notifier = NotifierRuntime.start(kafka, settings, Clock.systemUTC());
                    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                            KafkaClientSettings.of(broker.bootstrapServers()).producer("supervision-it"))) {
                await().atMost(TIMEOUT).until(() -> committedPartitions(broker) == 2);
                publish(producer, plan("inc-outage", 1, PlanMode.AUTO, null));
                await().atMost(TIMEOUT).until(() -> receiver.arrived() == 1);

                // when: the broker stops while the webhook answers, so the offset cannot be committed
                broker.stop();
                receiver.release();
                await().atMost(TIMEOUT).until(() -> notifier.rebuilds() >= 1);
                broker.restart();
                publish(producer, plan("inc-after", 1, PlanMode.AUTO, null));

                // then: the notification is delivered again with the same id, and the next one follows
                await().atMost(TIMEOUT).until(() -> receiver.deliveredOf("inc-after").size() == 1);
                assertThat(receiver.requestsFor("inc-outage/incident.opened/inc-outage-r1")).hasSizeGreaterThan(1)
                        .allSatisfy(request -> assertThat(request.body().path("id").asText())
                                .isEqualTo("inc-outage/incident.opened/inc-outage-r1"));
            }
        }
    }

    private static int committedPartitions(KafkaBroker broker) throws Exception {
        try (Admin admin = Admin.create(KafkaClientSettings.of(broker.bootstrapServers()).common())) {
            return admin.listConsumerGroupOffsets(NotifierRuntime.GROUP).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).size();
        }
    }

    private static void publish(KafkaProducer<byte[], byte[]> producer, RecoveryPlan plan) throws Exception {
        producer.send(EventRecords.of(Topics.PLANS, plan.clusterId(), plan, "/revive/test", Instant.now()))
                .get(60, TimeUnit.SECONDS);
    }
}
