package dev.revive.targets.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All calls to the REST API of Kafka Connect workers, each bounded by the call timeout (connect and response).
 * Failures come back as {@link TargetException}: REFUSED when nothing listens, TIMEOUT when the worker does not
 * answer in time (a SIGSTOPped or overloaded JVM), FAILED for an error status or an unreadable body.
 */
public final class ConnectRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration callTimeout;
    private final HttpClient http;

    public ConnectRest(Duration callTimeout) {
        this.callTimeout = callTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(callTimeout).build();
    }

    /** {@code GET /}: the worker's version banner; throws unless it answers 200. */
    public JsonNode root(String baseUrl) {
        return get(baseUrl, "/");
    }

    /** {@code GET /connectors?expand=status}: every connector's status, by name. */
    public Map<String, ConnectorStatus> statuses(String baseUrl) {
        JsonNode body = get(baseUrl, "/connectors?expand=status");
        Map<String, ConnectorStatus> statuses = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            statuses.put(entry.getKey(), status(entry.getValue().path("status")));
        }
        return statuses;
    }

    /** {@code GET /connectors/{name}/status}. */
    public ConnectorStatus status(String baseUrl, String connector) {
        return status(get(baseUrl, "/connectors/" + encode(connector) + "/status"));
    }

    /** {@code GET /connectors/{name}/config}: the connector's configuration. */
    public Map<String, String> config(String baseUrl, String connector) {
        JsonNode body = get(baseUrl, "/connectors/" + encode(connector) + "/config");
        Map<String, String> config = new LinkedHashMap<>();
        body.fields().forEachRemaining(entry -> config.put(entry.getKey(), entry.getValue().asText()));
        return config;
    }

    /**
     * {@code POST /connectors/{name}/restart?includeTasks=true&onlyFailed=true}: restarts the connector's failed
     * instances; returns the status code (202 when accepted, 204 when there was nothing to restart).
     */
    public int restartFailed(String baseUrl, String connector) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(baseUrl,
                "/connectors/" + encode(connector) + "/restart?includeTasks=true&onlyFailed=true"))
                .POST(HttpRequest.BodyPublishers.noBody()), baseUrl);
        if (response.statusCode() >= 300) {
            throw new TargetException(Kind.FAILED, "restart of " + connector + " at " + baseUrl + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.statusCode();
    }

    private JsonNode get(String baseUrl, String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(baseUrl, path)).GET(), baseUrl);
        if (response.statusCode() != 200) {
            throw new TargetException(Kind.FAILED, "GET " + path + " at " + baseUrl + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new TargetException(Kind.FAILED, "GET " + path + " at " + baseUrl + " answered no JSON", e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String baseUrl) {
        try {
            return http.send(request.timeout(callTimeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new TargetException(Kind.TIMEOUT, baseUrl + " did not answer within " + callTimeout, e);
        } catch (ConnectException e) {
            throw new TargetException(Kind.REFUSED, baseUrl + " refused the connection", e);
        } catch (IOException e) {
            throw new TargetException(Kind.FAILED, baseUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException(Kind.TIMEOUT, "interrupted while calling " + baseUrl, e);
        }
    }

    private static ConnectorStatus status(JsonNode node) {
        List<ConnectorStatus.Task> tasks = new ArrayList<>();
        for (JsonNode task : node.path("tasks")) {
            tasks.add(new ConnectorStatus.Task(task.path("id").asInt(), task.path("state").asText(),
                    task.path("worker_id").asText(null), task.path("trace").asText(null)));
        }
        JsonNode connector = node.path("connector");
        return new ConnectorStatus(node.path("name").asText(), connector.path("state").asText(),
                connector.path("worker_id").asText(null), node.path("type").asText(null), tasks);
    }

    private static URI uri(String baseUrl, String path) {
        return URI.create(baseUrl.replaceAll("/+$", "") + path);
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
