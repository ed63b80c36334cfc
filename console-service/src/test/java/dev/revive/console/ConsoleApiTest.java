package dev.revive.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The console's HTTP surface without a broker (its topic tail just waits for the topics): the page and its assets
 * are served, the JSON API answers, and a decision without a token is refused with problem+json before anything is
 * forwarded.
 */
@QuarkusTest
class ConsoleApiTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TestHTTPResource("/")
    URI root;

    @Test
    void servesThePageItsScriptAndStylesheetWithoutAnyThirdPartyUrl() throws Exception {
        HttpResponse<String> page = get("");
        HttpResponse<String> script = get("console.js");
        HttpResponse<String> css = get("console.css");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<main id=\"main\">", "aria-live", "<label for=\"token\">");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("EventSource('api/events')", "sessionStorage");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(page.body() + script.body() + css.body()).doesNotContain("https://", "http://cdn");
    }

    @Test
    void jsonApiAnswersWithEmptyViewsBeforeAnythingWasRead() throws Exception {
        for (String path : new String[] {"api/clusters", "api/incidents", "api/reports", "api/dlq"}) {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(answer.body()).as(path).isEqualTo("[]");
        }
    }

    @Test
    void decisionWithoutATokenIsRefusedWithProblemJson() throws Exception {
        HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(root.resolve("api/plans/inc-1-r1/approve"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"me\",\"reason\":\"why\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.body()).contains("\"status\":401");
    }

    @Test
    void unknownApiPathIsAProblemToo() throws Exception {
        HttpResponse<String> answer = get("api/nothing-here");

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void eventStreamDeliversEveryChangeOfABurstInOrder() throws Exception {
        HttpResponse<java.util.stream.Stream<String>> stream = CLIENT.send(HttpRequest.newBuilder(
                root.resolve("api/events")).timeout(Duration.ofSeconds(10)).header("Accept", "text/event-stream")
                .GET().build(), HttpResponse.BodyHandlers.ofLines());
        java.util.Iterator<String> lines = stream.body().filter(line -> line.startsWith("data:")).iterator();
        // a lost event would leave the reader waiting: bounded here
        try {
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                assertThat(lines.next()).contains("\"hello\"");
                for (int i = 0; i < 50; i++) {
                    model.deadLetter(new Views.DeadLetter("MALFORMED", "$", "burst " + i, "test", "revive.faults", null,
                            i, 0));
                }
                for (int i = 0; i < 50; i++) {
                    assertThat(lines.next()).contains("\"burst " + i + "\"");
                }
            });
        } finally {
            stream.body().close();
        }
    }

    @jakarta.inject.Inject
    ConsoleModel model;

    private HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
