package dev.revive.targets.redis;

import dev.revive.targets.TargetException;
import dev.revive.targets.action.Polling;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One reading of a primary and its linked replicas inside a write pause on the primary: the primary's offset, each
 * replica's offset once it reached it (or the last one seen by the deadline), then the key count and digest of every
 * node at that offset, and whether the primary's offset stayed put throughout ({@link #stable}).
 *
 * @param primaryOffset   the primary's offset at the start of the pause (-1 when it could not be read)
 * @param offsets         each linked replica's last offset seen, by node id
 * @param dbsizes         the key count of each node at the primary's offset, by node id
 * @param digests         the digest of each node at the primary's offset, by node id
 * @param errors          the nodes at the primary's offset that gave no key count or digest, and why
 * @param stable          the primary's offset was the same at the end of the reading
 * @param problem         why the reading could not be taken at all (the primary failed), or null
 */
record PausedReading(long primaryOffset, Map<String, Long> offsets, Map<String, Long> dbsizes,
        Map<String, Digest> digests, Map<String, String> errors, boolean stable, String problem) {

    static PausedReading take(RedisAdapter redis, Polling polling, NodeReading primary, List<NodeReading> replicas,
            Duration catchUp) {
        String endpoint = primary.endpoint();
        try {
            redis.clientPauseWrite(endpoint, Duration.ofMillis(RedisDataChecks.PAUSE_MS));
            try {
                long offset = redis.replication(endpoint).offset();
                Map<String, Long> offsets = awaitOffsets(redis, polling, replicas, offset, catchUp);
                Map<String, Long> dbsizes = new LinkedHashMap<>();
                Map<String, Digest> digests = new LinkedHashMap<>();
                Map<String, String> errors = new LinkedHashMap<>();
                List<NodeReading> atOffset = new ArrayList<>(List.of(primary));
                replicas.stream().filter(replica -> offsets.get(replica.id()) == offset).forEach(atOffset::add);
                for (NodeReading node : atOffset) {
                    try {
                        dbsizes.put(node.id(), redis.dbsize(node.endpoint()));
                        digests.put(node.id(), redis.digest(node.endpoint()));
                    } catch (TargetException e) {
                        errors.put(node.id(), e.kind() + " " + e.getMessage());
                    }
                }
                boolean stable = redis.replication(endpoint).offset() == offset;
                return new PausedReading(offset, offsets, dbsizes, digests, errors, stable, null);
            } finally {
                unpause(redis, endpoint);
            }
        } catch (TargetException e) {
            return new PausedReading(-1, Map.of(), Map.of(), Map.of(), Map.of(), false,
                    "the primary " + primary.id() + " could not be read in a write pause: " + e.getMessage());
        }
    }

    private static Map<String, Long> awaitOffsets(RedisAdapter redis, Polling polling, List<NodeReading> replicas,
            long offset, Duration catchUp) {
        Instant deadline = polling.clock().instant().plus(catchUp);
        Map<String, Long> offsets = new LinkedHashMap<>();
        while (true) {
            for (NodeReading replica : replicas) {
                if (offsets.getOrDefault(replica.id(), -1L) != offset) {
                    offsets.put(replica.id(), offsetOf(redis, replica));
                }
            }
            if (offsets.values().stream().allMatch(seen -> seen == offset)
                    || !polling.clock().instant().isBefore(deadline)) {
                return offsets;
            }
            try {
                polling.pacer().pause(polling.interval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return offsets;
            }
        }
    }

    private static long offsetOf(RedisAdapter redis, NodeReading replica) {
        try {
            return redis.replication(replica.endpoint()).offset();
        } catch (TargetException e) {
            return -1;
        }
    }

    private static void unpause(RedisAdapter redis, String endpoint) {
        try {
            redis.clientUnpause(endpoint);
        } catch (TargetException e) {
            // the pause lifts itself within PAUSE_MS
        }
    }

    /** The linked replicas that did not reach the primary's offset, with the offset they had. */
    List<String> behind() {
        List<String> behind = new ArrayList<>();
        offsets.forEach((node, offset) -> {
            if (offset != primaryOffset) {
                behind.add(node + " at " + offset);
            }
        });
        return behind;
    }

    /** What the reading says of {@code node}: role, offset, key count, digest, or why it was not compared. */
    String describe(NodeReading node) {
        if (!node.answering()) {
            return "not compared: silent";
        }
        String role = node.replication().roleName();
        Long offset = node.isPrimary() ? Long.valueOf(primaryOffset) : offsets.get(node.id());
        if (offset == null) {
            return role + " not compared: not linked to the primary (" + node.describe() + ")";
        }
        if (offset != primaryOffset) {
            return role + " not compared: behind at offset " + offset;
        }
        if (errors.containsKey(node.id())) {
            return role + " offset " + offset + " no reading: " + errors.get(node.id());
        }
        Digest digest = digests.get(node.id());
        return role + " offset " + offset + (digest == null ? " not read"
                : " dbsize " + dbsizes.get(node.id()) + " digest " + digest.method() + " " + digest.value());
    }
}
