package dev.revive.planner.notify;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * POSTs one notification to one webhook until it is delivered, it is refused for good, or its attempts are spent.
 * Classified by status, never by text: a 2xx is delivered; 408, 425, 429, any 5xx and every I/O failure (refused
 * connection, timeout) are tried again after a back-off that doubles from the initial one up to the cap, or after the
 * answer's {@code Retry-After} seconds (at most the cap); any other status (a 4xx, a redirect) is permanent at once.
 * Every request is bounded by the connect and request timeouts. Each carries the notification's id in
 * {@value #ID_HEADER}, the same on every attempt and every redelivery, so that a receiver can deduplicate.
 */
final class WebhookSender {

    /** The header with the notification's stable id. */
    static final String ID_HEADER = "Idempotency-Key";
    /** The header with the notification's type, e.g. {@code incident.opened}. */
    static final String TYPE_HEADER = "X-Revive-Event";

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    private static final Set<Integer> RETRIED = Set.of(408, 425, 429);

    /** Waits between attempts; throws {@link InterruptedException} when the notifier stops meanwhile. */
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** How sending one notification to one webhook ended. */
    sealed interface Outcome {
    }

    /** A 2xx answered attempt number {@code attempts}. */
    record Delivered(int attempts) implements Outcome {
    }

    /** Refused for good or out of attempts; {@code detail} names the target without path, query or token. */
    record Failed(String detail) implements Outcome {
    }

    private final HttpClient http;
    private final NotifierSettings settings;
    private final Pause pause;

    WebhookSender(HttpClient http, NotifierSettings settings, Pause pause) {
        this.http = http;
        this.settings = settings;
        this.pause = pause;
    }

    /** The client every webhook is called with: bounded connects, no redirects followed, HTTP/1.1. */
    static HttpClient client(NotifierSettings settings) {
        return HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends {@code body} (the notification {@code notification} in the webhook's format) to {@code webhook}. */
    Outcome send(Webhook webhook, Notification notification, byte[] body) throws InterruptedException {
        HttpRequest request = request(webhook, notification, body);
        for (int attempt = 1; ; attempt++) {
            String problem;
            Duration wait = settings.backoffAfter(attempt);
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new Delivered(attempt);
                }
                if (!retried(status)) {
                    return new Failed("POST " + webhook.target() + " answered " + status + " (not retried)");
                }
                problem = "answered " + status;
                wait = retryAfter(response).orElse(wait);
            } catch (IOException e) {
                problem = "failed (" + e.getClass().getSimpleName() + ")";
            }
            if (attempt >= settings.attempts()) {
                return new Failed("POST " + webhook.target() + " " + problem + " after " + attempt
                        + (attempt == 1 ? " attempt" : " attempts"));
            }
            LOG.infof("webhook %s %s for %s (attempt %d of %d); again in %s", webhook.name(), problem,
                    notification.id(), attempt, settings.attempts(), wait);
            pause.sleep(wait);
        }
    }

    private HttpRequest request(Webhook webhook, Notification notification, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook.url()).timeout(settings.requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "revive-planner-notifier")
                .header(ID_HEADER, notification.id())
                .header(TYPE_HEADER, notification.type().wireName())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        webhook.token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return request.build();
    }

    private static boolean retried(int status) {
        return RETRIED.contains(status) || (status >= 500 && status < 600);
    }

    /** A {@code Retry-After} in seconds, at most the back-off cap; a date or garbage is ignored. */
    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(String::strip)
                .filter(value -> value.matches("\\d{1,9}"))
                .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds)))
                .map(wait -> wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait);
    }
}
