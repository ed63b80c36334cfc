package dev.revive.planner.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.planner.PlannerConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code revive.planner.notify.*} keys as the planner's configuration mapping reads them. */
class NotifierConfigTest {

    @Test
    void withoutAWebhookTheNotifierHasNothingToDoAndTheDefaultsApply() {
        PlannerConfig.Notify notify = config(Map.of(), Map.of()).notifier();

        NotifierSettings settings = NotifierSettings.from(notify);

        assertThat(settings.webhooks()).isEmpty();
        assertThat(settings.attempts()).isEqualTo(5);
        assertThat(settings.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void namedWebhooksAreReadFromPropertiesAndTheirTokenFromTheEnvironment() {
        PlannerConfig.Notify notify = config(Map.of(
                "revive.planner.notify.webhooks.\"ops-team\".url", "https://ops.example/revive",
                "revive.planner.notify.webhooks.chat.url", "https://hooks.slack.example/services/T0/B0/x",
                "revive.planner.notify.webhooks.chat.format", "slack",
                "revive.planner.notify.webhooks.chat.events", "incident.closed,incident.escalated",
                "revive.planner.notify.attempts", "3"),
                Map.of("REVIVE_PLANNER_NOTIFY_WEBHOOKS_CHAT_TOKEN", "t0ken-from-env")).notifier();

        NotifierSettings settings = NotifierSettings.from(notify);

        assertThat(settings.attempts()).isEqualTo(3);
        assertThat(settings.webhooks()).extracting(Webhook::name).containsExactly("chat", "ops-team");
        Webhook chat = settings.webhooks().get(0);
        assertThat(chat.format()).isEqualTo(WebhookFormat.SLACK);
        assertThat(chat.events()).containsExactlyInAnyOrder(NotificationType.CLOSED, NotificationType.ESCALATED);
        assertThat(chat.token()).contains("t0ken-from-env");
        Webhook ops = settings.webhooks().get(1);
        assertThat(ops.format()).isEqualTo(WebhookFormat.JSON);
        assertThat(ops.events()).containsExactlyInAnyOrder(NotificationType.values());
        assertThat(ops.token()).isEmpty();
    }

    @Test
    void aWebhookCanBeDefinedInTheEnvironmentAloneSoThatASlackUrlStaysOffCommandLines() {
        PlannerConfig.Notify notify = config(Map.of(), Map.of(
                "REVIVE_PLANNER_NOTIFY_WEBHOOKS_OPS_URL", "https://hooks.slack.example/services/T0/B0/secret",
                "REVIVE_PLANNER_NOTIFY_WEBHOOKS_OPS_FORMAT", "slack")).notifier();

        NotifierSettings settings = NotifierSettings.from(notify);

        assertThat(settings.webhooks()).singleElement().satisfies(ops -> {
            assertThat(ops.name()).isEqualTo("ops");
            assertThat(ops.format()).isEqualTo(WebhookFormat.SLACK);
            assertThat(ops.url().getPath()).endsWith("/secret");
        });
    }

    private static PlannerConfig config(Map<String, String> properties, Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(PlannerConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 250))
                .withSources(new EnvConfigSource(environment, 300)).build();
        return config.getConfigMapping(PlannerConfig.class);
    }
}
