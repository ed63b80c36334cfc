package dev.revive.planner.notify;

import static dev.revive.planner.notify.NotifierFixtures.plan;
import static dev.revive.planner.notify.NotifierFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.report.Verdict;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class WebhookFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theGenericJsonCarriesEveryFieldThatAppliesAndLeavesTheOthersOut() throws IOException {
        JsonNode closed = JSON.readTree(WebhookFormat.JSON.render(Notifications.of(report("inc-1", Verdict.DEGRADED))));
        JsonNode approval = JSON.readTree(WebhookFormat.JSON.render(
                Notifications.of(plan("inc-2", 1, PlanMode.APPROVAL_REQUIRED, "restart budget spent")).get(1)));

        assertThat(closed.path("id").asText()).isEqualTo("inc-1/incident.closed/rep-inc-1");
        assertThat(closed.path("type").asText()).isEqualTo("incident.closed");
        assertThat(closed.path("at").asText()).isEqualTo("2026-11-21T10:01:35Z");
        assertThat(closed.path("verdict").asText()).isEqualTo("DEGRADED");
        assertThat(closed.path("mttrSeconds").asLong()).isEqualTo(95);
        assertThat(closed.path("failedChecks")).extracting(JsonNode::asText).containsExactly("hash-kv-equal",
                "no-alarms");
        assertThat(closed.path("summary").asText()).contains("DEGRADED");
        assertThat(closed.has("mode")).isFalse();
        assertThat(closed.has("revision")).isFalse();
        assertThat(approval.path("type").asText()).isEqualTo("incident.approval_needed");
        assertThat(approval.path("mode").asText()).isEqualTo("APPROVAL_REQUIRED");
        assertThat(approval.path("revision").asInt()).isEqualTo(1);
        assertThat(approval.path("modeReason").asText()).isEqualTo("restart budget spent");
        assertThat(approval.has("verdict")).isFalse();
    }

    @Test
    void aSlackMessageHasTextAndOneMrkdwnSectionWithSlacksCharactersEscaped() throws IOException {
        Notification approval = Notifications.of(plan("inc-3", 2, PlanMode.APPROVAL_REQUIRED,
                "<!channel> disk & wal > 90%")).get(0);

        JsonNode slack = JSON.readTree(WebhookFormat.SLACK.render(approval));

        assertThat(slack.path("text").asText()).contains("needs approval", "&lt;!channel&gt; disk &amp; wal &gt; 90%")
                .doesNotContain("<!channel>");
        assertThat(slack.path("blocks")).hasSize(1);
        JsonNode section = slack.path("blocks").get(0);
        assertThat(section.path("type").asText()).isEqualTo("section");
        assertThat(section.path("text").path("type").asText()).isEqualTo("mrkdwn");
        assertThat(section.path("text").path("text").asText()).startsWith("*Approval needed*")
                .contains("`etcd-a`", "`inc-3`", "&lt;!channel&gt;", "inc-3/incident.approval_needed/inc-3-r2")
                .doesNotContain("<!channel>");
    }

    @Test
    void formatsAreNamedInAnyCaseAndAnUnknownOneIsRefusedNamingTheKnown() {
        assertThat(WebhookFormat.of("slack")).isEqualTo(WebhookFormat.SLACK);
        assertThat(WebhookFormat.of(" JSON ")).isEqualTo(WebhookFormat.JSON);
        assertThatThrownBy(() -> WebhookFormat.of("teams")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("teams").hasMessageContaining("json, slack");
    }
}
