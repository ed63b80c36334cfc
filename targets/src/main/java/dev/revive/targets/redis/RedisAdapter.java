package dev.revive.targets.redis;

import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every call Revive makes to a Redis node, through Lettuce, one connection per node endpoint
 * ({@code redis://host:port}), each call bounded by the call timeout (connect and command). Failures are
 * {@link TargetException}s classified by exception type: nothing listens or the connection closed
 * {@link Kind#REFUSED}, no answer in time {@link Kind#TIMEOUT}, an error reply {@link Kind#FAILED} (its cause the
 * Lettuce exception, e.g. {@code RedisLoadingException} while the node loads its dataset).
 */
public final class RedisAdapter implements AutoCloseable {

    /** How many keys the SCAN + DUMP digest covers at most before it gives up. */
    static final int DIGEST_KEY_BOUND = 200_000;

    private final RedisConnections connections;

    /** @param callTimeout the bound of every call (connect and command) */
    public RedisAdapter(Duration callTimeout) {
        this.connections = new RedisConnections(callTimeout, RedisConnections.DEFAULT_CAPACITY);
    }

    /** The bound of every call. */
    public Duration callTimeout() {
        return connections.timeout();
    }

    /** The host of a node endpoint {@code redis://host:port}. */
    public static String host(String endpoint) {
        return URI.create(endpoint).getHost();
    }

    /** The port of a node endpoint {@code redis://host:port} (6379 when none is given). */
    public static int port(String endpoint) {
        int port = URI.create(endpoint).getPort();
        return port < 0 ? 6379 : port;
    }

    /** PING; throws unless the node answers PONG (a loading node answers an error: FAILED). */
    public void ping(String endpoint) {
        String pong = connections.call(endpoint, "PING", RedisCommands::ping);
        if (!"PONG".equalsIgnoreCase(pong)) {
            throw new TargetException(Kind.FAILED, "redis " + endpoint + " PING answered " + pong);
        }
    }

    /** INFO server + replication and CONFIG GET replica-priority. */
    public ReplicationInfo replication(String endpoint) {
        String info = connections.call(endpoint, "INFO server replication",
                redis -> redis.info("server") + "\r\n" + redis.info("replication"));
        Map<String, String> priority = connections.call(endpoint, "CONFIG GET replica-priority",
                redis -> redis.configGet("replica-priority"));
        String value = priority.get("replica-priority");
        return ReplicationInfo.parse(info, value == null ? -1 : Integer.parseInt(value.trim()));
    }

    /** INFO persistence. */
    public PersistenceInfo persistence(String endpoint) {
        return PersistenceInfo.parse(connections.call(endpoint, "INFO persistence", redis -> redis.info("persistence")));
    }

    /** DBSIZE: how many keys the node holds. */
    public long dbsize(String endpoint) {
        return connections.call(endpoint, "DBSIZE", RedisCommands::dbsize);
    }

    /**
     * The digest of the node's keyspace: {@code DEBUG DIGEST} where the node allows DEBUG to this client, else
     * SHA-256 over every key and its DUMP in key order (at most {@value #DIGEST_KEY_BOUND} keys: beyond that, FAILED).
     */
    public Digest digest(String endpoint) {
        try {
            String digest = connections.call(endpoint, "DEBUG DIGEST", redis -> redis.dispatch(CommandType.DEBUG,
                    new StatusOutput<>(StringCodec.UTF8), new CommandArgs<>(StringCodec.UTF8).add("DIGEST")));
            return new Digest(digest, Digest.Method.DEBUG_DIGEST, -1);
        } catch (TargetException e) {
            if (e.kind() != Kind.FAILED) {
                throw e;
            }
            return scanDump(endpoint);
        }
    }

    /** {@code CLIENT PAUSE <pause> WRITE}: the node holds every client's writes until the pause ends or UNPAUSE. */
    public void clientPauseWrite(String endpoint, Duration pause) {
        connections.call(endpoint, "CLIENT PAUSE WRITE", redis -> redis.dispatch(CommandType.CLIENT,
                new StatusOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).add("PAUSE").add(pause.toMillis()).add("WRITE")));
    }

    /** {@code CLIENT UNPAUSE}: ends a pause at once. */
    public void clientUnpause(String endpoint) {
        connections.call(endpoint, "CLIENT UNPAUSE", redis -> redis.dispatch(CommandType.CLIENT,
                new StatusOutput<>(StringCodec.UTF8), new CommandArgs<>(StringCodec.UTF8).add("UNPAUSE")));
    }

    /** {@code REPLICAOF host port}: the node follows that primary (dropping its own writes since they diverged). */
    public void replicaOf(String endpoint, String host, int port) {
        connections.call(endpoint, "REPLICAOF " + host + " " + port, redis -> redis.replicaof(host, port));
    }

    /** {@code REPLICAOF NO ONE}: the node becomes a primary with the data it has. */
    public void replicaOfNoOne(String endpoint) {
        connections.call(endpoint, "REPLICAOF NO ONE", RedisCommands::replicaofNoOne);
    }

    /**
     * {@code FAILOVER TO host port TIMEOUT ms} on the primary at {@code endpoint}: a coordinated switchover (the
     * primary pauses writes, waits for that replica to catch up, then swaps roles). Returns once Redis accepted it;
     * the switch itself happens after, within {@code timeout} or not at all.
     */
    public void failoverTo(String endpoint, String host, int port, Duration timeout) {
        connections.call(endpoint, "FAILOVER TO " + host + " " + port, redis -> redis.dispatch(Keyword.FAILOVER,
                new StatusOutput<>(StringCodec.UTF8), new CommandArgs<>(StringCodec.UTF8).add("TO").add(host)
                        .add(port).add("TIMEOUT").add(timeout.toMillis())));
    }

    /** {@code CONFIG SET name value} on the node (its running configuration only, not its file). */
    public void configSet(String endpoint, String name, String value) {
        connections.call(endpoint, "CONFIG SET " + name, redis -> redis.configSet(name, value));
    }

    private Digest scanDump(String endpoint) {
        TreeMap<String, byte[]> dumps = new TreeMap<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            ScanCursor from = cursor;
            KeyScanCursor<String> page = connections.call(endpoint, "SCAN",
                    redis -> redis.scan(from, ScanArgs.Builder.limit(1000)));
            for (String key : page.getKeys()) {
                byte[] dump = connections.call(endpoint, "DUMP", redis -> redis.dump(key));
                if (dump != null) {
                    dumps.put(key, dump);
                }
            }
            if (dumps.size() > DIGEST_KEY_BOUND) {
                throw new TargetException(Kind.FAILED, "redis " + endpoint + " has more than " + DIGEST_KEY_BOUND
                        + " keys: too many for a SCAN + DUMP digest (allow DEBUG DIGEST instead)");
            }
            cursor = page;
        } while (!cursor.isFinished());
        return new Digest(sha256(dumps), Digest.Method.SCAN_DUMP, dumps.size());
    }

    private static String sha256(TreeMap<String, byte[]> dumps) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            dumps.forEach((key, dump) -> {
                byte[] name = key.getBytes(StandardCharsets.UTF_8);
                sha.update(lengthOf(name.length));
                sha.update(name);
                sha.update(lengthOf(dump.length));
                sha.update(dump);
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[] lengthOf(int length) {
        return new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }

    @Override
    public void close() {
        connections.close();
    }

    /** Commands Lettuce has no keyword for. */
    private enum Keyword implements ProtocolKeyword {
        FAILOVER;

        @Override
        public byte[] getBytes() {
            return name().getBytes(StandardCharsets.US_ASCII);
        }
    }
}
