package dev.revive.service.api;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link TokenBucket} per client (its address). The number of clients remembered is bounded: past
 * {@code maxClients}, the buckets that are full again are forgotten, as forgetting them changes nothing.
 */
public final class ClientRateLimiter {

    private final Clock clock;
    private final double perSecond;
    private final int burst;
    private final int maxClients;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    /** {@code perSecond} requests a second per client, {@code burst} at once, about {@code maxClients} remembered. */
    public ClientRateLimiter(Clock clock, double perSecond, int burst, int maxClients) {
        TokenBucket.checkLimits(perSecond, burst);
        this.clock = clock;
        this.perSecond = perSecond;
        this.burst = burst;
        this.maxClients = maxClients;
    }

    /** Takes one request of {@code client}: {@link Duration#ZERO} when allowed, else how long it should wait. */
    public Duration tryTake(String client) {
        if (buckets.size() >= maxClients && !buckets.containsKey(client)) {
            buckets.values().removeIf(TokenBucket::isFull);
        }
        return buckets.computeIfAbsent(client, key -> new TokenBucket(clock, perSecond, burst)).tryTake();
    }
}
