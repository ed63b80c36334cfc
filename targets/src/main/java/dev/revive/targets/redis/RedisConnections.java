package dev.revive.targets.redis;

import dev.revive.targets.Causes;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The adapter's Lettuce connections, one per node endpoint, at most {@code capacity} of them (the least recently used
 * one beyond that is closed). A connection never reconnects by itself and rejects commands while disconnected, so a
 * dead node is refused at once; a connection that failed for the transport is closed and the next call opens a new
 * one. Connect and commands are bounded by the call timeout; failures are classified by exception type.
 */
final class RedisConnections implements AutoCloseable {

    static final int DEFAULT_CAPACITY = 64;

    private static final Logger LOG = Logger.getLogger(RedisConnections.class);

    private final Duration timeout;
    private final int capacity;
    private final RedisClient client;
    private final LinkedHashMap<String, StatefulRedisConnection<String, String>> open =
            new LinkedHashMap<>(16, 0.75f, true);

    RedisConnections(Duration timeout, int capacity) {
        this.timeout = timeout;
        this.capacity = capacity;
        this.client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .protocolVersion(ProtocolVersion.RESP2)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
    }

    Duration timeout() {
        return timeout;
    }

    /** Runs {@code call} on {@code endpoint}'s connection; throws a classified {@link TargetException}. */
    <T> T call(String endpoint, String name, Function<RedisCommands<String, String>, T> call) {
        StatefulRedisConnection<String, String> connection = connection(endpoint, name);
        try {
            return call.apply(connection.sync());
        } catch (RuntimeException e) {
            TargetException failure = classify(endpoint, name, e);
            if (failure.kind() != Kind.FAILED) {
                forget(endpoint, connection);
            }
            throw failure;
        }
    }

    private StatefulRedisConnection<String, String> connection(String endpoint, String name) {
        synchronized (this) {
            StatefulRedisConnection<String, String> cached = open.get(endpoint);
            if (cached != null && cached.isOpen()) {
                return cached;
            }
        }
        StatefulRedisConnection<String, String> fresh;
        try {
            RedisURI uri = RedisURI.create(endpoint);
            uri.setTimeout(timeout);
            fresh = client.connect(uri);
            fresh.setTimeout(timeout);
        } catch (RuntimeException e) {
            throw classify(endpoint, "connect for " + name, e);
        }
        List<StatefulRedisConnection<String, String>> evicted = new ArrayList<>();
        synchronized (this) {
            StatefulRedisConnection<String, String> previous = open.put(endpoint, fresh);
            if (previous != null) {
                evicted.add(previous);
            }
            Iterator<Map.Entry<String, StatefulRedisConnection<String, String>>> eldest = open.entrySet().iterator();
            while (open.size() > capacity && eldest.hasNext()) {
                evicted.add(eldest.next().getValue());
                eldest.remove();
            }
        }
        evicted.forEach(StatefulRedisConnection::closeAsync);
        return fresh;
    }

    private void forget(String endpoint, StatefulRedisConnection<String, String> connection) {
        synchronized (this) {
            open.remove(endpoint, connection);
        }
        LOG.debugf("closing the redis connection to %s after a transport failure", endpoint);
        connection.closeAsync();
    }

    /**
     * An error reply is {@link Kind#FAILED}; a command or connect timeout (also a connect that hung in the handshake)
     * {@link Kind#TIMEOUT}; anything else on the transport (nothing listens, the connection closed) {@link Kind#REFUSED}.
     */
    static TargetException classify(String endpoint, String call, Throwable failure) {
        String prefix = "redis " + endpoint + " " + call + ": ";
        if (failure instanceof RedisCommandExecutionException) {
            return new TargetException(Kind.FAILED, prefix + failure.getMessage(), failure);
        }
        if (Causes.has(failure, RedisCommandTimeoutException.class) || Causes.has(failure, TimeoutException.class)
                || Causes.has(failure, io.netty.channel.ConnectTimeoutException.class)
                || Causes.has(failure, RedisCommandInterruptedException.class)) {
            return new TargetException(Kind.TIMEOUT, prefix + "no answer in time: " + Causes.describe(failure, 400),
                    failure);
        }
        return new TargetException(Kind.REFUSED, prefix + Causes.describe(failure, 400), failure);
    }

    @Override
    public void close() {
        List<StatefulRedisConnection<String, String>> all;
        synchronized (this) {
            all = List.copyOf(open.values());
            open.clear();
        }
        all.forEach(StatefulRedisConnection::close);
        client.shutdown(Duration.ZERO, timeout);
    }
}
