package dev.revive.contracts.kafka;

import java.time.Instant;

/**
 * The CloudEvents attributes of one Kafka record in binary mode.
 *
 * @param id      unique id, the dedup key of consumers
 * @param source  who wrote it, e.g. {@code /revive/detector}
 * @param type    {@code dev.revive.<kind>.v1}
 * @param time    when it was written
 * @param subject {@code clusterId} or {@code clusterId/nodeId}
 */
public record CloudEvent(String id, String source, String type, Instant time, String subject) {
}
