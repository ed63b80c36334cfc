package dev.revive.planner.api;

import dev.revive.planner.PlannerConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another planner instance's API for what it holds (JDK {@link HttpClient}, bounded connect and request
 * timeouts from {@code revive.planner.peers.*}), with the caller's own {@code Authorization} header: the instances
 * share one API token. Every path it asks carries {@link #LOCAL_ONLY}{@code =true}, so the other instance answers
 * from its own stores and never forwards again. An instance that cannot be reached in time is a
 * {@link PeerUnavailableException} (503 with {@code Retry-After}).
 */
@ApplicationScoped
public class PeerClient {

    /** The query flag of a request between instances: answer from the local stores only. */
    public static final String LOCAL_ONLY = "local";
    /** The header naming the instance ({@code application.server}) whose stores gave a by-key answer. */
    public static final String ANSWERED_BY = "X-Revive-Answered-By";

    @Inject
    PlannerConfig config;

    private HttpClient client;

    @PostConstruct
    void create() {
        client = HttpClient.newBuilder().connectTimeout(config.peers().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * GETs {@code path} (absolute, without query) on {@code peer} with the local-only flag.
     *
     * @param authorization the caller's {@code Authorization} header, passed on unchanged
     */
    public HttpResponse<byte[]> get(HostInfo peer, String path, String authorization) {
        URI uri = URI.create(config.peers().scheme() + "://" + peer.host() + ":" + peer.port() + path + "?"
                + LOCAL_ONLY + "=true");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.peers().requestTimeout())
                .header(HttpHeaders.ACCEPT, "application/json").GET();
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new PeerUnavailableException(peer, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnavailableException(peer, e);
        }
    }

    /** The peer's answer as this instance's answer: status, body, content type, Retry-After and answering instance. */
    public static Response passThrough(HttpResponse<byte[]> answer) {
        Response.ResponseBuilder response = Response.status(answer.statusCode()).entity(answer.body());
        for (String header : new String[] {HttpHeaders.CONTENT_TYPE, HttpHeaders.RETRY_AFTER, ANSWERED_BY}) {
            answer.headers().firstValue(header).ifPresent(value -> response.header(header, value));
        }
        return response.build();
    }
}
