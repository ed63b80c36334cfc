package dev.revive.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Who may read the approval API: a plan reveals the topology, so it needs the token, which the application read
 * from the file of {@link ApiTokenFileResource} (a global test resource, declared on {@link PlannerIT}).
 */
@QuarkusTest
class PlanApiAccessIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/plans/inc-unknown-r1")
    URI plan;

    @TestHTTPResource("/q/health/ready")
    URI ready;

    @Test
    void aPlanNeedsTheTokenFromTheTokenFile() throws Exception {
        // given a ready planner whose token came from a file
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> get(ready, null).statusCode() == 200);

        // when a plan is asked for without a token, with a wrong one and with the one in the file
        HttpResponse<String> none = get(plan, null);
        HttpResponse<String> wrong = get(plan, "wrong-token-0123456789");
        HttpResponse<String> right = get(plan, ApiTokenFileResource.TOKEN);

        // then only the file's token gets past the filter (to a 404: no such plan); health needs no token
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(right.statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> get(URI uri, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
