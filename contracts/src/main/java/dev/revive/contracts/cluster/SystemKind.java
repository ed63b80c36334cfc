package dev.revive.contracts.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which kind of data system a cluster is; picks the target adapter. */
public enum SystemKind {
    @JsonProperty("etcd") ETCD,
    @JsonProperty("kafka") KAFKA,
    @JsonProperty("kafka-connect") KAFKA_CONNECT,
    @JsonProperty("redis") REDIS,
    @JsonProperty("postgres") POSTGRES,
    @JsonProperty("generic") GENERIC
}
