package dev.revive.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.revive.contracts.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One service's REST API with the bearer token; every call bounded ({@link #CONNECT_TIMEOUT}, {@link #TIMEOUT}).
 * Answers are JSON trees, so that the CLI prints what the service says without a copy of its view records. A failed
 * call becomes an {@link Exit.Failure} by status: 401/403 refused, 404/409/4xx failed, 503 or no answer unreachable.
 */
public final class Api {

    /** How long connecting may take. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long a whole call may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final ObjectMapper JSON = Json.events();

    private final String base;
    private final String token;
    private final HttpClient client;

    /** The API at {@code base} (e.g. {@code http://localhost:8182}), called with {@code token}. */
    public Api(String base, String token) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** {@code GET path}. */
    public JsonNode get(String path) {
        return call(request(path).GET().build());
    }

    /** {@code POST path} with a JSON body. */
    public JsonNode post(String path, Object body) {
        try {
            return call(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build());
        } catch (IOException e) {
            throw new Exit.Failure(Exit.FAILED, "cannot encode the request: " + e.getMessage(), e);
        }
    }

    /** A path segment, encoded. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private JsonNode call(HttpRequest request) {
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Exit.Failure(Exit.UNREACHABLE, request.uri().getAuthority() + " cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Exit.Failure(Exit.UNREACHABLE, "interrupted while calling " + request.uri(), e);
        }
        JsonNode body = parse(response.body());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return body;
        }
        String what = request.method() + " " + request.uri().getPath() + ": " + status + " " + detail(body);
        if (status == 401 || status == 403) {
            throw new Exit.Failure(Exit.REFUSED, what);
        }
        if (status == 503 || status == 502 || status == 504) {
            throw new Exit.Failure(Exit.UNREACHABLE, what);
        }
        throw new Exit.Failure(Exit.FAILED, what);
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(new String(body, StandardCharsets.UTF_8));
        }
    }

    /** A problem+json's title and detail, or the body as text. */
    private static String detail(JsonNode body) {
        if (body.hasNonNull("detail")) {
            return body.path("title").asText("") + ": " + body.get("detail").asText();
        }
        return body.isTextual() ? body.asText() : body.toString();
    }
}
