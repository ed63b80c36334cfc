package dev.revive.planner.notify;

import java.net.URI;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One configured receiver of notifications ({@code revive.planner.notify.webhooks."<name>".*}).
 *
 * @param name   the name in the configuration, in dead letters and in the metrics
 * @param url    where notifications are POSTed, http or https
 * @param format how they are written
 * @param events the types it receives
 * @param token  the bearer token sent as {@code Authorization}, if any
 */
public record Webhook(String name, URI url, WebhookFormat format, Set<NotificationType> events,
        Optional<String> token) {

    public Webhook {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("a webhook name is 1 to 64 letters, digits, '.', '_' or '-'; got '"
                    + name + "'");
        }
        if (url == null || url.getHost() == null || url.isOpaque()
                || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
            throw new IllegalArgumentException("webhook '" + name + "': the url must be an absolute http or https "
                    + "URL with a host");
        }
        Objects.requireNonNull(format, "format");
        if (events == null || events.isEmpty()) {
            throw new IllegalArgumentException("webhook '" + name + "': events lists no event");
        }
        events = Collections.unmodifiableSet(EnumSet.copyOf(events));
        token = token == null ? Optional.empty() : token;
    }

    /** True when this webhook receives notifications of {@code type}. */
    public boolean wants(NotificationType type) {
        return events.contains(type);
    }

    /**
     * Where it points, safe to log and to put in a dead letter: scheme, host and port only. The path is left out,
     * since a Slack webhook's path is its secret, and so are a query and user info.
     */
    public String target() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() || "/".equals(url.getRawPath()) ? ""
                : "/…";
        return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost()
                + (url.getPort() < 0 ? "" : ":" + url.getPort()) + path;
    }

    /** Name, target, format and events; never the URL's path or query, never the token. */
    @Override
    public String toString() {
        return "Webhook[" + name + " " + target() + ", " + format + ", " + events + (token.isPresent()
                ? ", bearer token" : "") + "]";
    }
}
