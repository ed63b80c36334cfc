package dev.revive.planner.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.planner.PlannerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotifierSettingsTest {

    private static final String SLACK_URL = "https://hooks.slack.example/services/T000/B000/s3cr3tPath?token=q";

    @Test
    void webhooksAreReadWithTheirFormatEventsAndTokenAndAllEventsByDefault() {
        NotifierSettings settings = NotifierSettings.from(notify(Map.of(
                "ops", hook("http://127.0.0.1:8080/hook", "json", null, "t0ken-from-env"),
                "chat", hook(SLACK_URL, "slack", List.of("incident.closed", "incident.escalated"), null))));

        assertThat(settings.webhooks()).extracting(Webhook::name).containsExactly("chat", "ops");
        Webhook chat = settings.webhooks().get(0);
        Webhook ops = settings.webhooks().get(1);
        assertThat(chat.format()).isEqualTo(WebhookFormat.SLACK);
        assertThat(chat.events()).containsExactlyInAnyOrder(NotificationType.CLOSED, NotificationType.ESCALATED);
        assertThat(chat.token()).isEmpty();
        assertThat(ops.events()).containsExactlyInAnyOrder(NotificationType.values());
        assertThat(ops.token()).contains("t0ken-from-env");
    }

    @Test
    void aWebhookIsShownWithoutItsPathQueryOrToken() {
        Webhook chat = NotifierSettings.from(notify(Map.of("chat", hook(SLACK_URL, "slack", null, "t0ken-from-env"))))
                .webhooks().get(0);

        assertThat(chat.target()).isEqualTo("https://hooks.slack.example/…");
        assertThat(chat.toString()).contains("chat", "https://hooks.slack.example/…")
                .doesNotContain("s3cr3tPath", "token=q", "t0ken-from-env");
    }

    @Test
    void aUrlThatIsNotHttpOrAnUnknownEventOrFormatStopsTheStartNamingTheKeyButNotTheUrl() {
        assertThatThrownBy(() -> NotifierSettings.from(notify(Map.of("ops",
                hook("ftp://files.example/s3cr3tPath", "json", null, null)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("revive.planner.notify.webhooks.\"ops\"", "http or https")
                .hasMessageNotContaining("s3cr3tPath");
        assertThatThrownBy(() -> NotifierSettings.from(notify(Map.of("ops", hook("not a url/s3cr3tPath", "json", null,
                null))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("revive.planner.notify.webhooks.\"ops\".url").hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> NotifierSettings.from(notify(Map.of("ops", hook("https://h.example/", "json",
                List.of("incident.reopened"), null))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("revive.planner.notify.webhooks.\"ops\"", "incident.reopened",
                        "incident.opened");
        assertThatThrownBy(() -> NotifierSettings.from(notify(Map.of("ops", hook("https://h.example/", "xml", null,
                null))))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xml", "json, slack");
    }

    @Test
    void theBackoffDoublesFromTheInitialOneUpToTheCap() {
        NotifierSettings settings = new NotifierSettings(List.of(), 6, Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofSeconds(2));

        assertThat(List.of(1, 2, 3, 4, 5).stream().map(settings::backoffAfter)).containsExactly(Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertThat(settings.longestDelivery()).isEqualTo(Duration.ofSeconds(6 * 3 + 5 * 5));
        assertThatThrownBy(() -> new NotifierSettings(List.of(), 0, Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofSeconds(2))).hasMessageContaining("attempts");
    }

    static PlannerConfig.Notify notify(Map<String, PlannerConfig.Notify.Webhook> webhooks) {
        return new PlannerConfig.Notify() {
            @Override
            public Map<String, Webhook> webhooks() {
                return webhooks;
            }

            @Override
            public int attempts() {
                return 3;
            }

            @Override
            public Duration initialBackoff() {
                return Duration.ofMillis(100);
            }

            @Override
            public Duration maxBackoff() {
                return Duration.ofMillis(400);
            }

            @Override
            public Duration connectTimeout() {
                return Duration.ofSeconds(2);
            }

            @Override
            public Duration requestTimeout() {
                return Duration.ofSeconds(5);
            }
        };
    }

    static PlannerConfig.Notify.Webhook hook(String url, String format, List<String> events, String token) {
        return new PlannerConfig.Notify.Webhook() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public String format() {
                return format;
            }

            @Override
            public Optional<List<String>> events() {
                return Optional.ofNullable(events);
            }

            @Override
            public Optional<String> token() {
                return Optional.ofNullable(token);
            }

            @Override
            public Optional<Path> tokenFile() {
                return Optional.empty();
            }
        };
    }
}
