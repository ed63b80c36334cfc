package dev.revive.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Forwards an operator's decision to the planner's approval API ({@code POST /plans/{planId}/approve|reject}) with
 * the operator's own {@code Authorization} header: the console holds no token. Each call is bounded by
 * {@code revive.console.planner-timeout}.
 */
@ApplicationScoped
public class PlannerClient {

    @Inject
    ConsoleConfig config;

    private volatile HttpClient client;

    /** The planner's answer, as it gave it. */
    HttpResponse<byte[]> decide(String planId, String verdict, String authorization, byte[] body)
            throws IOException, InterruptedException {
        String base = config.plannerUrl().replaceAll("/+$", "");
        URI uri = URI.create(base + "/plans/" + URLEncoder.encode(planId, StandardCharsets.UTF_8) + "/" + verdict);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.plannerTimeout())
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return client().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(config.plannerTimeout()).build();
        }
        return client;
    }
}
