package dev.revive.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two HTTP calls the kit makes to an etcd member: {@code GET /health} and the v3 gateway's
 * {@code POST /v3/maintenance/status}. Every call is bounded by {@link #TIMEOUT}.
 */
public final class EtcdHttp {

    static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static final Pattern MEMBER_ID = Pattern.compile("\"member_id\"\\s*:\\s*\"(\\d+)\"");
    private static final Pattern LEADER = Pattern.compile("\"leader\"\\s*:\\s*\"(\\d+)\"");
    private static final Pattern HEALTHY = Pattern.compile("\"health\"\\s*:\\s*\"true\"");
    private static final Pattern IS_LEADER = Pattern.compile("(?m)^etcd_server_is_leader 1$");

    private final HttpClient client = HttpClient.newBuilder()
        .connectTimeout(TIMEOUT)
        .version(HttpClient.Version.HTTP_1_1)
        .build();

    /** A member's view: its own raft id and the id of the leader it follows (both uint64 as text). */
    public record Status(String memberId, String leaderId) {

        /** True when the member follows itself. */
        public boolean isLeader() {
            return memberId.equals(leaderId);
        }
    }

    /** Whether {@code GET <clientUrl>/health} answers {@code {"health":"true"}}. */
    public boolean isHealthy(String clientUrl) {
        return get(clientUrl + "/health").map(body -> HEALTHY.matcher(body).find()).orElse(false);
    }

    /** Whether the member's {@code /metrics} say it is the leader (for members whose client URL needs TLS). */
    boolean isLeaderByMetrics(String monitorUrl) {
        return get(monitorUrl + "/metrics").map(body -> IS_LEADER.matcher(body).find()).orElse(false);
    }

    /** The member's status, or empty if it does not answer in time. */
    public Optional<Status> status(String clientUrl) {
        return post(clientUrl + "/v3/maintenance/status", "{}").flatMap(EtcdHttp::parseStatus);
    }

    static Optional<Status> parseStatus(String body) {
        Matcher member = MEMBER_ID.matcher(body);
        Matcher leader = LEADER.matcher(body);
        if (member.find() && leader.find()) {
            return Optional.of(new Status(member.group(1), leader.group(1)));
        }
        return Optional.empty();
    }

    private Optional<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build());
    }

    private Optional<String> post(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private Optional<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
