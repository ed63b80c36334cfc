package dev.revive.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.kafka.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an operator or another system says to a running stack over HTTP: faults to the detector, decisions to the planner. */
public final class OperatorApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final ReviveStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public OperatorApi(ReviveStack stack) {
        this.stack = stack;
    }

    /** {@code POST /faults} on the detector; returns the response. */
    public HttpResponse<String> postFault(FaultEvent fault) throws IOException, InterruptedException {
        byte[] body = Topics.FAULTS.valueSerde().serializer().serialize(Topics.FAULTS.name(), fault);
        return post(stack.service("detector").url() + "/faults", body);
    }

    /** {@code POST /plans/{planId}/approve} on the planner. */
    public HttpResponse<String> approve(String planId, String by, String reason, boolean dryRun)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("by", by);
        body.put("reason", reason);
        body.put("dryRun", dryRun);
        return post(stack.service("planner").url() + "/plans/" + planId + "/approve", JSON.writeValueAsBytes(body));
    }

    /** {@code POST /plans/{planId}/reject} on the planner. */
    public HttpResponse<String> reject(String planId, String by, String reason) throws IOException, InterruptedException {
        byte[] body = JSON.writeValueAsBytes(Map.of("by", by, "reason", reason));
        return post(stack.service("planner").url() + "/plans/" + planId + "/reject", body);
    }

    /** {@code POST /clusters/{clusterId}/rollback} on the planner; {@code snapshot} null: the newest verified one. */
    public HttpResponse<String> rollback(String clusterId, String snapshot, String by, String reason)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("by", by);
        body.put("reason", reason);
        if (snapshot != null) {
            body.put("snapshot", snapshot);
        }
        return post(stack.service("planner").url() + "/clusters/" + clusterId + "/rollback",
                JSON.writeValueAsBytes(body));
    }

    /** {@code POST /clusters/{clusterId}/nodes/{nodeId}/replace} on the planner. */
    public HttpResponse<String> replace(String clusterId, String nodeId, String by, String reason)
            throws IOException, InterruptedException {
        byte[] body = JSON.writeValueAsBytes(Map.of("by", by, "reason", reason));
        return post(stack.service("planner").url() + "/clusters/" + clusterId + "/nodes/" + nodeId + "/replace", body);
    }

    private HttpResponse<String> post(String url, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + stack.apiToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
