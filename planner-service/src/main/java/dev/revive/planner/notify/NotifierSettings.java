package dev.revive.planner.notify;

import dev.revive.contracts.time.Backoff;
import dev.revive.planner.PlannerConfig;
import dev.revive.service.api.ApiTokenSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The notifier's validated settings: the webhooks and how deliveries are retried.
 *
 * @param webhooks       the receivers; empty: the notifier does not run
 * @param attempts       tries per notification and webhook, 1 to 20
 * @param initialBackoff the wait before the second attempt, doubled per attempt
 * @param maxBackoff     the longest wait between two attempts, and the most of a {@code Retry-After} honoured
 * @param connectTimeout the bound of connecting to a webhook
 * @param requestTimeout the bound of one request's answer
 */
public record NotifierSettings(List<Webhook> webhooks, int attempts, Duration initialBackoff, Duration maxBackoff,
        Duration connectTimeout, Duration requestTimeout) {

    private static final String PREFIX = "revive.planner.notify";

    public NotifierSettings {
        webhooks = List.copyOf(webhooks);
        if (attempts < 1 || attempts > 20) {
            throw new IllegalArgumentException(PREFIX + ".attempts must be 1 to 20 but is " + attempts);
        }
        positive("initial-backoff", initialBackoff);
        positive("max-backoff", maxBackoff);
        positive("connect-timeout", connectTimeout);
        positive("request-timeout", requestTimeout);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(PREFIX + ".max-backoff must be at least the initial-backoff "
                    + initialBackoff + " but is " + maxBackoff);
        }
    }

    /**
     * The settings of {@code config}; throws {@link IllegalArgumentException} or {@link IllegalStateException} naming
     * the key of an invalid value (a URL that is not http or https, an unknown format or event, a token set twice),
     * never the value of a URL or a token.
     */
    public static NotifierSettings from(PlannerConfig.Notify config) {
        List<Webhook> webhooks = new ArrayList<>();
        new TreeMap<>(config.webhooks()).forEach((name, hook) -> webhooks.add(webhook(name, hook)));
        return new NotifierSettings(webhooks, config.attempts(), config.initialBackoff(), config.maxBackoff(),
                config.connectTimeout(), config.requestTimeout());
    }

    /** The wait after attempt number {@code attempt} (from 1) failed: the initial backoff doubled, capped. */
    public Duration backoffAfter(int attempt) {
        return Backoff.after(attempt, initialBackoff, maxBackoff);
    }

    /** The longest one notification to one webhook can take: every attempt timing out, every wait at its cap. */
    public Duration longestDelivery() {
        return connectTimeout.plus(requestTimeout).multipliedBy(attempts).plus(maxBackoff.multipliedBy(attempts - 1));
    }

    private static Webhook webhook(String name, PlannerConfig.Notify.Webhook hook) {
        String key = PREFIX + ".webhooks.\"" + name + "\"";
        URI url;
        try {
            url = new URI(hook.url().strip());
        } catch (URISyntaxException e) {
            // the URL may carry a secret (a Slack webhook's path): its value is never repeated
            throw new IllegalArgumentException(key + ".url is not a URL (" + e.getReason() + ")");
        }
        WebhookFormat format;
        Set<NotificationType> events = EnumSet.allOf(NotificationType.class);
        try {
            format = WebhookFormat.of(hook.format());
            if (hook.events().isPresent()) {
                events = EnumSet.noneOf(NotificationType.class);
                for (String event : hook.events().get()) {
                    events.add(NotificationType.of(event));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
        Optional<String> token = ApiTokenSource.loadOptional(key, hook.token(), hook.tokenFile());
        try {
            return new Webhook(name, url, format, events, token);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(PREFIX + "." + key + " must be positive but is " + value);
        }
    }

    /** Name, retries and timeouts; the webhooks by their safe {@link Webhook#toString()}. */
    @Override
    public String toString() {
        return "NotifierSettings[" + webhooks + ", attempts " + attempts + ", backoff " + initialBackoff
                + " doubling to " + maxBackoff + ", connect/request timeouts " + connectTimeout + "/" + requestTimeout
                + "]";
    }
}
