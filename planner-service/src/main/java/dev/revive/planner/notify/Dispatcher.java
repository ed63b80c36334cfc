package dev.revive.planner.notify;

import dev.revive.contracts.metrics.ReviveMetrics;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Hands notifications to the webhooks that want them, one after the other, each rendered in its webhook's format.
 * What could not be delivered comes back as {@link Undelivered}, for the caller to dead-letter.
 */
final class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    /** A notification {@code webhook} refused or did not take: the {@code body} that was sent and why. */
    record Undelivered(Webhook webhook, Notification notification, byte[] body, String detail) {
    }

    private final List<Webhook> webhooks;
    private final WebhookSender sender;
    private final ReviveMetrics metrics;

    Dispatcher(List<Webhook> webhooks, WebhookSender sender, ReviveMetrics metrics) {
        this.webhooks = List.copyOf(webhooks);
        this.sender = sender;
        this.metrics = metrics;
    }

    /** Sends each of {@code notifications} to every webhook that wants its type; returns what failed. */
    List<Undelivered> dispatch(List<Notification> notifications) throws InterruptedException {
        List<Undelivered> undelivered = new ArrayList<>();
        for (Notification notification : notifications) {
            for (Webhook webhook : webhooks) {
                if (!webhook.wants(notification.type())) {
                    continue;
                }
                byte[] body = webhook.format().render(notification);
                WebhookSender.Outcome outcome = sender.send(webhook, notification, body);
                if (outcome instanceof WebhookSender.Failed failed) {
                    LOG.warnf("notification %s not delivered to webhook %s: %s", notification.id(), webhook.name(),
                            failed.detail());
                    undelivered.add(new Undelivered(webhook, notification, body, failed.detail()));
                } else {
                    LOG.debugf("notification %s delivered to webhook %s", notification.id(), webhook.name());
                }
                metrics.notificationEnded(webhook.name(), outcome instanceof WebhookSender.Delivered);
            }
        }
        return undelivered;
    }
}
